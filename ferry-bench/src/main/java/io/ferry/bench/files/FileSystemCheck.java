package io.ferry.bench.files;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Tells when the directory under test would make the file benchmark measure the file system's quirk
 * rather than the contenders: an ext4 without a journal. There, a new file's inode search skips every
 * inode freed in the last minute or more, looking each one up (ext4's {@code recently_deleted}), so
 * right after a run deleted 1,000 files each create costs about 120 µs of CPU (perf on this project's
 * machine: about 90 % of the time under {@code recently_deleted}), and the 1,000-file rows time that for
 * everyone.
 */
public final class FileSystemCheck {
    private FileSystemCheck() {
    }

    /** A warning for people, or null when the file system is not a journal-less ext4 (or cannot be told). */
    public static String warning(Path dir) throws IOException {
        FileStore store = Files.getFileStore(dir);
        if (!"ext4".equals(store.type())) {
            return null;
        }
        String device = Path.of(store.name()).getFileName().toString(); // "/dev/vda" -> "vda"
        if (!Files.isDirectory(Path.of("/proc/fs/ext4", device)) || hasJournal(device)) {
            return null;
        }
        return dir.toAbsolutePath() + " is on " + store.name() + ", an ext4 without a journal: creating files there"
            + " right after deleting others scans every recently deleted inode, so the 1,000-file rows measure that"
            + " scan more than the contenders. For figures about the runtimes, make a journaled scratch ext4"
            + " (ferry-bench/scripts/scratch-ext4.sh) and pass --dir.";
    }

    /** jbd2 lists each journal it runs as {@code /proc/fs/jbd2/<device>-<inode>}. */
    private static boolean hasJournal(String device) throws IOException {
        Path jbd2 = Path.of("/proc/fs/jbd2");
        if (!Files.isDirectory(jbd2)) {
            return false;
        }
        try (Stream<Path> journals = Files.list(jbd2)) {
            return journals.anyMatch(p -> p.getFileName().toString().startsWith(device + "-"));
        }
    }
}
