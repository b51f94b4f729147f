package io.ferry.bench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldWriteAndVerifyFanOutTest {
    // Purpose: the fan-out gives each file its own content on every backend, with four calls per file and with one
    // writeFile per file; verify() catches one bad byte.
    static Stream<Arguments> cases() {
        return Arrays.stream(BackendKind.values())
            .filter(k -> k != BackendKind.AUTO && Backends.availability(k).available())
            .flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "{0}, writeFile per file: {1}")
    @MethodSource("cases")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWriteVerifiableFiles(BackendKind kind, boolean wholeFiles, @TempDir Path dir) throws Exception {
        FileFanOut fanOut = new FileFanOut(dir, 20, 64 * 1024, false, true, false);
        FanOutResult r;
        try (Ferry ferry = Ferry.builder().backend(kind).loops(1).build()) {
            r = fanOut.run(ferry, wholeFiles);
        }
        assertEquals(20L * 64 * 1024, r.bytes());
        assertTrue(r.nanos() > 0 && r.peakThreads() > 0, r.toString());
        assertTrue(r.ioPath().startsWith(kind == BackendKind.URING ? "io_uring native" : "blocking pool"), r.ioPath());
        fanOut.verify();
        try (FileChannel ch = FileChannel.open(fanOut.file(7), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {42}), 1000);
        }
        IOException e = assertThrows(IOException.class, fanOut::verify);
        assertEquals(fanOut.file(7) + ": wrong content at offset 1000", e.getMessage());
    }
}
