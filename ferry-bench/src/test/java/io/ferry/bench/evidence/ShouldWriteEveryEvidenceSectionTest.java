package io.ferry.bench.evidence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// Purpose: the evidence run end to end in its tiny mode (40 connections, 0.3 s windows, 8 small files): the
// document has every claim's section, each with a table row of numbers for every available variant and a
// verdict (claim 2's from the io_uring/probe rows), every variant this kernel cannot run is named, the charts
// exist as PNGs, and progress lines were printed.
class ShouldWriteEveryEvidenceSectionTest {
    @Test
    @Timeout(240)
    void shouldWriteEverySectionWithNumbers(@TempDir Path dir) throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        Path doc = new Evidence(EvidenceSettings.tiny(), progress::add).run(dir.resolve("EVIDENCE.md"),
            "test tiny", dir.resolve("files"));
        String text = Files.readString(doc);
        System.out.println(text);
        for (String section : List.of("## Claims 1 and 3", "## Claims 2 and 6", "### Cross-check", "## Claim 4",
            "## Claim 5")) {
            int at = text.indexOf(section);
            assertTrue(at >= 0, "missing " + section);
            int end = text.indexOf("\n## ", at + 4);
            String body = text.substring(at, end < 0 ? text.length() : end);
            assertTrue(Pattern.compile("\\| [0-9][0-9,.]* ").matcher(body).find(), section + " has no numbers");
            if (!section.startsWith("###")) {
                assertTrue(body.contains("**Verdict.**"), section + " has no verdict");
            }
        }
        for (Variant v : Variant.available()) {
            for (String handler : MemoryEvidence.HANDLERS) {
                assertTrue(text.contains("| " + v.name() + " | " + handler + " | idle |"),
                    "no memory row for " + v.name() + " " + handler);
            }
            assertTrue(text.contains("| " + v.name() + " | 64 | 16 |"), "no batching row for " + v.name());
            assertTrue(text.contains("| echo 64 x 16 | " + v.name() + " |"), "no thread row for " + v.name());
        }
        for (String skipped : Variant.skipped()) {
            assertTrue(text.contains(skipped), "skipped variant not named: " + skipped);
        }
        assertTrue(text.contains("**The 1-byte probe (claim 2).**"), "no claim 2 paragraph");
        assertFalse(text.contains("failed"), "a part failed:\n" + text);
        for (String png : List.of("memory.png", "batching.png", "threads.png")) {
            byte[] b = Files.readAllBytes(dir.resolve("evidence").resolve(png));
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
        }
        assertTrue(progress.size() > 10, "progress: " + progress);
    }
}
