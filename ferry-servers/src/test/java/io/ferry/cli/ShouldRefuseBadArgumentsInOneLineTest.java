package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

// Purpose: a user's bad argument gets one clear line on stderr and exit code 2, never a stack trace or a page of
// usage; a port that is already taken gets one line and exit code 1.
class ShouldRefuseBadArgumentsInOneLineTest {
    @ParameterizedTest
    @ValueSource(strings = {"serve echo --backend bogus", "serve echo --port 99999", "serve echo --port -1",
        "serve echo --loops 0", "serve echo --stats 0", "serve bogus", "serve echo --style odd", "serve", "bogus",
        "serve resp --output-buffer-limit -1", "serve resp --output-buffer-soft-seconds -1",
        "serve http --input-budget 0", "serve http --max-body -1", "serve http --udp",
        "serve echo --udp --unix /tmp/ferry-never-made.sock", "serve echo --udp --tls",
        "serve echo --cert /nonexistent.pem", "serve echo --uring-receive bogus",
        "serve echo --tls --cert /nonexistent.pem", "serve echo --tls --cert /nonexistent.pem --key /nonexistent.pem"})
    void shouldExplainInOneLineAndExitTwo(String args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = FerryCli.commandLine();
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute(args.split(" "));
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(2, code, args + " -> " + text);
        assertEquals(1, text.lines().count(), args + " printed more than one line:\n" + text);
        assertTrue(text.startsWith("ferry"), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void shouldSayThePortIsTakenAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PrintStream before = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = FerryCli.commandLine().execute("serve", "echo", "--loops", "1", "--port",
                    String.valueOf(taken.getLocalPort()));
            } finally {
                System.setErr(before);
            }
            String text = err.toString(StandardCharsets.UTF_8).strip();
            assertEquals(1, code, text);
            assertTrue(text.lines().anyMatch(l -> l.startsWith("ferry: cannot listen on 127.0.0.1:"
                + taken.getLocalPort()) && l.contains("in use")), text);
            assertFalse(text.contains("\tat "), "no stack trace: " + text);
        }
    }

    @Test
    void shouldSayWhyAUnixPathCannotBeUsedAndExitOne(@TempDir Path dir) throws Exception {
        Path notASocket = Files.writeString(dir.resolve("file"), "keep");
        String tooLong = "/tmp/" + "z".repeat(120);
        for (String[] c : new String[][] {{notASocket.toString(), "is not a socket"},
            {tooLong, "longer than sun_path allows (107 bytes)"}}) {
            PrintStream before = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = FerryCli.commandLine().execute("serve", "echo", "--loops", "1", "--unix", c[0]);
            } finally {
                System.setErr(before);
            }
            String text = err.toString(StandardCharsets.UTF_8).strip();
            assertEquals(1, code, text);
            assertEquals(1, text.lines().count(), "one line: " + text);
            assertTrue(text.startsWith("ferry: cannot listen on unix:" + c[0] + ": ") && text.contains(c[1]), text);
        }
        assertEquals("keep", Files.readString(notASocket));
    }
}
