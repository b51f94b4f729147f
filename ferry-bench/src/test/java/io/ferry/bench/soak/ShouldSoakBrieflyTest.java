package io.ferry.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

// Purpose: ferry soak end to end for 24 s with a sample every 2 s on the default backend: the load runs in a
// child JVM, no answer is wrong, nothing trends upward, and it writes a CSV with every sample and a PNG, then
// ends with the one summary line. The warm-up is 10 s rather than a fifth of the run: this JVM (-Xmx2g, shared
// with other tests) was still growing its young generation, some 30 MiB of RSS, after 5 s.
class ShouldSoakBrieflyTest {
    private static final Pattern SUMMARY =
        Pattern.compile("soak: 0\\.4 min, (\\d+) requests, 0 wrong, rss \\d+->\\d+ MiB, fds \\d+->\\d+");

    @Test
    @Timeout(150)
    void shouldPassAndWriteItsFiles(@TempDir Path out) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            code = new CommandLine(new SoakCommand(print)).execute("--minutes", "0.4", "--sample-seconds", "2",
                "--warmup-seconds", "10", "--out", out.toString());
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(0, code, text);
        List<String> lines = text.lines().toList();
        Matcher summary = SUMMARY.matcher(lines.getLast());
        assertTrue(summary.matches(), "last line: " + lines.getLast());
        assertTrue(Long.parseLong(summary.group(1)) > 0, "no requests answered");

        List<Path> files;
        try (var listed = Files.list(out)) {
            files = listed.sorted().toList();
        }
        assertEquals(2, files.size(), files::toString);
        List<String> csv = Files.readAllLines(files.get(0));
        assertTrue(files.get(0).getFileName().toString().matches("soak-\\w+-\\d{8}-\\d{6}\\.csv"), files::toString);
        assertEquals("seconds,requests,rss_mib,heap_after_gc_mib,fds,pool_mib,connections,ops_in_flight",
            csv.getFirst());
        assertEquals(14, csv.size(), "a header and a sample at 0, 2, ..., 24 s:\n" + String.join("\n", csv));
        byte[] png = Files.readAllBytes(files.get(1));
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', files.get(1)::toString);
    }
}
