package io.ferry.bench.files;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.backend.Backends;
import io.ferry.servers.files.FanOutResult;
import io.ferry.servers.files.FileFanOut;
import java.nio.file.Path;

/**
 * Ferry with one event loop on {@code backend}: io_uring native, or the blocking pool on epoll; each
 * file written with open, write, [fsync], close, or with one {@code AsyncFile.writeFile} call.
 */
public final class FerryContender implements FileContender {
    private final BackendKind backend;
    private final String name;
    private final boolean wholeFiles;

    public FerryContender(BackendKind backend, String name) {
        this(backend, name, false);
    }

    /** @param wholeFiles one {@code AsyncFile.writeFile} per file */
    public FerryContender(BackendKind backend, String name, boolean wholeFiles) {
        this.backend = backend;
        this.name = name;
        this.wholeFiles = wholeFiles;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unavailableReason() {
        var a = Backends.of(backend).availability();
        return a.available() ? null : a.reason();
    }

    @Override
    public FanOutResult run(FileScenario s, Path dir) throws Exception {
        try (Ferry ferry = Ferry.builder().backend(backend).loops(1).build()) {
            return new FileFanOut(dir, s.count(), s.size(), s.direct(), s.fsync(), true).run(ferry, wholeFiles);
        }
    }
}
