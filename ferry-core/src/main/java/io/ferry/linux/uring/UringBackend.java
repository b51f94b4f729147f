package io.ferry.linux.uring;

import io.ferry.backend.Availability;
import io.ferry.backend.Backend;
import io.ferry.backend.BackendKind;
import io.ferry.backend.IoDriver;
import io.ferry.loop.EventLoop;
import java.io.IOException;

/** TEMPORARY: replaced by the real backend in this change set. */
public final class UringBackend implements Backend {
    @Override
    public BackendKind kind() {
        return BackendKind.URING;
    }

    @Override
    public Availability availability() {
        return Availability.no("not built yet");
    }

    @Override
    public IoDriver open(EventLoop loop) throws IOException {
        throw new IOException("not built yet");
    }
}
