package io.ferry.servers.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Purpose: /files names resolve inside the root, and every way to climb out of it (plain or percent-encoded) is 403.
@Timeout(10)
class FilePathsTest {
    private static final Path ROOT = Path.of("/srv/root");

    @Test
    void shouldResolveNamesInsideTheRoot() throws HttpStatusException {
        assertEquals(Path.of("/srv/root/a b/c.txt"), FilePaths.resolve(ROOT, "a%20b/c.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "%2e%2e/etc/passwd", "%2E%2E%2Fetc%2Fpasswd", "a/../../x", "./a",
        "a//b", "..%5c..%5cx", "a/..", "/etc/passwd"})
    void shouldRefuseNamesLeavingTheRoot(String name) {
        assertEquals(403, assertThrows(HttpStatusException.class, () -> FilePaths.resolve(ROOT, name)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "a%2", "a%00b", ""})
    void shouldRefuseMalformedNames(String name) {
        assertEquals(400, assertThrows(HttpStatusException.class, () -> FilePaths.resolve(ROOT, name)).status());
    }
}
