package io.ferry;

import io.ferry.backend.BackendKind;
import io.ferry.spi.Backend;
import java.util.List;

/** White-box tests' way to the backend instances the public API keeps to itself. */
public final class TestBackends {
    private TestBackends() {
    }

    /** A fresh instance of {@code kind} with default settings, whether or not it runs here. */
    public static Backend of(BackendKind kind) {
        return Backends.of(kind, null);
    }

    /** Every concrete backend, best first. */
    public static List<Backend> all() {
        return Backends.all();
    }

    /** A builder that runs {@code backend} itself (a fault-injecting one, say). */
    public static Ferry.Builder builder(Backend backend) {
        return Ferry.builder().backend(backend);
    }
}
