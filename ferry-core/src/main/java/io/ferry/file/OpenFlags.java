package io.ferry.file;

import io.ferry.linux.FileConstants;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Turns {@link OpenOption}s into open(2) flags. Stateless; any thread. */
final class OpenFlags {
    private OpenFlags() {
    }

    /**
     * Flags for {@code options}, with the semantics of {@code FileChannel.open}: READ when neither
     * READ, WRITE nor APPEND is given; CREATE, CREATE_NEW and TRUNCATE_EXISTING only with writing.
     *
     * @throws UnsupportedOperationException for DELETE_ON_CLOSE, SPARSE and foreign options
     */
    static int of(Path path, OpenOption... options) {
        boolean read = false;
        boolean write = false;
        int extra = 0;
        int creation = 0;
        for (OpenOption o : options) {
            if (o == StandardOpenOption.READ) {
                read = true;
            } else if (o == StandardOpenOption.WRITE) {
                write = true;
            } else if (o == StandardOpenOption.APPEND) {
                write = true;
                extra |= FileConstants.O_APPEND;
            } else if (o == StandardOpenOption.CREATE) {
                creation |= FileConstants.O_CREAT;
            } else if (o == StandardOpenOption.CREATE_NEW) {
                creation |= FileConstants.O_CREAT | FileConstants.O_EXCL;
            } else if (o == StandardOpenOption.TRUNCATE_EXISTING) {
                creation |= FileConstants.O_TRUNC;
            } else if (o == StandardOpenOption.DSYNC) {
                extra |= FileConstants.O_DSYNC;
            } else if (o == StandardOpenOption.SYNC) {
                extra |= FileConstants.O_SYNC;
            } else if (o == LinkOption.NOFOLLOW_LINKS) {
                extra |= FileConstants.O_NOFOLLOW;
            } else if (o == FerryOpenOption.DIRECT) {
                extra |= FileConstants.O_DIRECT;
            } else {
                throw new UnsupportedOperationException("open " + path + ": option " + o + " is not supported");
            }
        }
        int access = write ? (read ? FileConstants.O_RDWR : FileConstants.O_WRONLY) : FileConstants.O_RDONLY;
        return access | extra | (write ? creation : 0);
    }
}
