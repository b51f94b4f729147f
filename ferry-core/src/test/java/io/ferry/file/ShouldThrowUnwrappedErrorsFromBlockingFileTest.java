package io.ferry.file;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.backend.BackendKind;
import io.ferry.buffer.Buf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShouldThrowUnwrappedErrorsFromBlockingFileTest {
    // Purpose: FerryFile throws the typed FileIoException or IOException itself, naming the operation and file.
    @ParameterizedTest
    @MethodSource("io.ferry.file.FileFixture#backends")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldThrowTypedErrors(BackendKind kind, @TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path readOnly = Files.writeString(dir.resolve("ro"), "x");
        try (FileFixture fx = new FileFixture(kind)) {
            Buf data = fx.patterned(10, 0, 1);
            try {
                FileFixture.onVirtualThread(() -> {
                    FileIoException notFound = assertThrows(FileIoException.class,
                        () -> FerryFile.open(fx.ferry().loops(), missing, READ));
                    assertEquals(FileIoException.Reason.NOT_FOUND, notFound.reason());
                    assertTrue(notFound.getMessage().contains("open " + missing), notFound.getMessage());
                    try (FerryFile f = FerryFile.open(fx.ferry().loops(), readOnly, READ)) {
                        FileIoException badFd = assertThrows(FileIoException.class, () -> f.write(data, 0));
                        assertEquals(FileIoException.Reason.BAD_DESCRIPTOR, badFd.reason());
                        String msg = badFd.getMessage();
                        assertTrue(msg.contains("write " + readOnly + " at offset 0"), msg);
                    }
                    FerryFile closed = FerryFile.open(fx.ferry().loops(), dir.resolve("c"), WRITE, CREATE);
                    closed.close();
                    closed.close(); // idempotent
                    IOException afterClose = assertThrows(IOException.class, closed::fsync);
                    assertTrue(afterClose.getMessage().contains("the file is closed"), afterClose.getMessage());
                    return null;
                });
                IllegalStateException onLoop = FileFixture.await(fx.loop().call(() -> assertThrows(
                    IllegalStateException.class, () -> FerryFile.open(fx.loop(), missing, READ))));
                assertTrue(onLoop.getMessage().contains("loop thread"), onLoop.getMessage());
            } finally {
                data.release();
            }
            fx.assertQuiescent();
        }
    }
}
