package io.ferry.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldRejectMisalignedDirectIoTest {
    // Purpose: O_DIRECT requests with a misaligned offset, address or length fail before the kernel.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRejectMisalignedRequests(BackendKind kind) throws Exception {
        try (FileFixture fx = new FileFixture(kind)) {
            AsyncFile f = fx.openDirect("direct");
            Path path = f.path();
            Buf page = fx.patterned(8192, 0, 3);
            Buf shifted = page.slice(1, 4096).writeIndex(4096);
            Buf shortOne = page.slice(0, 100).writeIndex(100);
            try (f) {
                String msg = assertThrows(IllegalArgumentException.class, () -> f.write(page, 100)).getMessage();
                assertTrue(msg.contains("offset 100") && msg.contains(path.toString()), msg);
                assertTrue(msg.contains("O_DIRECT"), msg);
                msg = assertThrows(IllegalArgumentException.class, () -> f.write(shifted, 0)).getMessage();
                assertTrue(msg.contains("address"), msg);
                msg = assertThrows(IllegalArgumentException.class, () -> f.write(shortOne, 0)).getMessage();
                assertTrue(msg.contains("length 100"), msg);
                assertEquals(8192, (long) FileFixture.await(f.write(page, 4096)));
                FileFixture.await(f.fsync());
                Buf in = fx.buffer(8192);
                assertEquals(8192, (long) FileFixture.await(f.read(in, 4096)));
                assertArrayEquals(FileFixture.pattern(8192, 0, 3), in.toByteArray());
                in.release();
            } finally {
                shifted.release();
                shortOne.release();
                page.release();
                Files.deleteIfExists(path);
            }
            fx.assertQuiescent();
        }
    }
}
