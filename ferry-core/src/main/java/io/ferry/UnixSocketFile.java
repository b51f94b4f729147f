package io.ferry;

import io.ferry.net.UnixSockets;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The file a Unix domain socket listener lives at, the same on every backend: before the bind, a path that
 * does not fit {@code sun_path} or that exists and is not a socket is refused (nothing removed), a socket file
 * with a live listener is refused as "address in use", and a stale one (connecting is refused: its listener
 * died without removing it) is removed; after the bind the file gets the asked-for mode; on close the file is
 * removed if it is still the one this listener created. Abstract names (no file) skip all of it.
 *
 * <p>Note: a listener that appears between the probe and the bind is not seen; the bind then fails with
 * EADDRINUSE.
 */
final class UnixSocketFile {
    private static final Charset PATH_ENCODING = Charset.forName(
        System.getProperty("sun.jnu.encoding", "UTF-8"), Charset.defaultCharset());
    private final Path path;
    private Object fileKey;

    private UnixSocketFile(Path path) {
        this.path = path;
    }

    /**
     * {@return null when {@code address} fits {@code sun_path}, else why not, naming the limit (the caller names
     * the address)}
     *
     * @param address a Unix domain socket address
     */
    static String tooLong(UnixDomainSocketAddress address) {
        String path = address.getPath().toString();
        String name = UnixSockets.isAbstract(address) ? path.substring(1) : path;
        int bytes = name.getBytes(PATH_ENCODING).length;
        if (bytes == 0) {
            return "a Unix socket path must not be empty";
        }
        return bytes <= UnixSockets.MAX_PATH_BYTES ? null : "Unix socket path is " + bytes
            + " bytes, longer than sun_path allows (" + UnixSockets.MAX_PATH_BYTES + " bytes)";
    }

    /**
     * Gets {@code address}'s path ready for a bind: checks it and removes a stale socket file.
     *
     * @return the file to {@link #created} and {@link #remove} once bound; null for an abstract name
     * @throws SocketException when the path is too long, a {@link BindException} when a live listener has it or
     *     it exists and is not a socket
     */
    static UnixSocketFile prepare(UnixDomainSocketAddress address) throws IOException {
        String tooLong = tooLong(address);
        if (tooLong != null) {
            throw new SocketException("listen on " + address + " failed: " + tooLong);
        }
        if (UnixSockets.isAbstract(address)) {
            return null;
        }
        Path path = address.getPath();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new UnixSocketFile(path);
        }
        if (!attrs.isOther() || !isSocket(path)) {
            throw new BindException("listen on " + path + " failed: the path exists and is not a socket"
                + " (nothing was removed)");
        }
        if (listening(address)) {
            throw new BindException("listen on " + path + " failed: address already in use (a listener answers on"
                + " that socket file; nothing was removed)");
        }
        Files.deleteIfExists(path); // stale: its listener is gone
        return new UnixSocketFile(path);
    }

    /** After the bind: applies {@code mode} (null: keep the umask's) and remembers which file was created. */
    void created(Set<PosixFilePermission> mode) throws IOException {
        fileKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        if (mode != null) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    /** Removes the socket file, unless someone replaced it since {@link #created}. Never throws. */
    void remove() {
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (fileKey != null && fileKey.equals(now)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // already gone, or no longer ours to touch
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        // S_IFSOCK in st_mode; "unix:mode" is the Linux JDK's view of it
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0140000;
    }

    /** Connects once, without blocking: refused means nobody listens (any other outcome counts as alive). */
    private static boolean listening(UnixDomainSocketAddress address) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(address);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
