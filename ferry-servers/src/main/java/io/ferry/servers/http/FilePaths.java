package io.ferry.servers.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns the percent-encoded name of a {@code /files/<name>} request into a path under the root, or
 * refuses: malformed encoding is 400, and any name that could leave the root (a {@code ..} or
 * {@code .} segment, an empty segment, a backslash, encoded or not) is 403. The check is lexical;
 * {@link FileSource} implementations also refuse files whose real path (after symlinks) leaves it.
 *
 * <p>Stateless; any thread.
 */
public final class FilePaths {
    private FilePaths() {
    }

    /**
     * The file {@code encodedName} names under {@code root} (absolute and normalized).
     *
     * @throws HttpStatusException 400 for bad encoding, 403 for names that escape the root
     */
    public static Path resolve(Path root, String encodedName) throws HttpStatusException {
        String name = decode(encodedName);
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new HttpStatusException(400, "bad file name '" + encodedName + "'");
        }
        if (name.indexOf('\\') >= 0) {
            throw new HttpStatusException(403, "backslash in file name '" + encodedName + "'");
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new HttpStatusException(403, "file name '" + encodedName + "' leaves the root");
            }
        }
        Path file;
        try {
            file = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new HttpStatusException(400, "bad file name '" + encodedName + "': " + e.getReason());
        }
        if (!file.startsWith(root) || file.equals(root)) {
            throw new HttpStatusException(403, "file name '" + encodedName + "' leaves the root");
        }
        return file;
    }

    private static String decode(String encoded) throws HttpStatusException {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                out.write(c);
                continue;
            }
            int hi = i + 2 < encoded.length() ? Ascii.hexValue((byte) encoded.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? Ascii.hexValue((byte) encoded.charAt(i + 2)) : -1;
            if (lo < 0) {
                throw new HttpStatusException(400, "bad percent-encoding in '" + encoded + "'");
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
