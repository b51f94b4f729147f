package io.ferry.file;

import java.nio.file.OpenOption;

/** Open options beyond {@link java.nio.file.StandardOpenOption}. */
public enum FerryOpenOption implements OpenOption {
    /**
     * O_DIRECT: bypass the page cache. Every read and write must then use a buffer address, a file
     * offset and a length that are multiples of {@link AsyncFile#DIRECT_ALIGNMENT}; pool buffers of
     * page-multiple size are. A misaligned request is refused before it reaches the kernel. Not
     * every file system supports it (tmpfs does not: the open fails with EINVAL).
     */
    DIRECT
}
