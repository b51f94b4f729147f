package io.ferry.bench.files;

import io.ferry.Ferry;
import io.ferry.backend.BackendKind;
import io.ferry.Backends;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Ferry with one event loop on {@code backend}: io_uring native, or the blocking pool on epoll; each
 * file written with open, write, [fsync], close, or with one {@code AsyncFile.writeFile} call; with
 * the default file settings, or others to compare them side by side.
 */
public final class FerryContender implements FileContender {
    private final BackendKind backend;
    private final String name;
    private final boolean wholeFiles;
    private final UnaryOperator<Ferry.Builder> settings;

    public FerryContender(BackendKind backend, String name) {
        this(backend, name, false, b -> b);
    }

    /**
     * @param wholeFiles one {@code AsyncFile.writeFile} per file
     * @param settings   applied to the builder, e.g. {@code b -> b.fileKernelWorkers(8)}
     */
    public FerryContender(BackendKind backend, String name, boolean wholeFiles, UnaryOperator<Ferry.Builder> settings) {
        this.backend = backend;
        this.name = name;
        this.wholeFiles = wholeFiles;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unavailableReason() {
        var a = Backends.availability(backend);
        return a.available() ? null : a.reason();
    }

    @Override
    public FanOutResult run(FileScenario s, Path dir) throws Exception {
        try (Ferry ferry = settings.apply(Ferry.builder().backend(backend).loops(1)).build()) {
            return new FileFanOut(dir, s.count(), s.size(), s.direct(), s.fsync(), true).run(ferry, wholeFiles);
        }
    }
}
