/**
 * Which backends exist ({@link io.ferry.backend.BackendKind}) and whether one can run here
 * ({@link io.ferry.backend.Availability}, from {@code io.ferry.Backends.availability}). The backends
 * themselves live in the internal packages {@code io.ferry.backend.uring} (completion model),
 * {@code io.ferry.backend.epoll} and {@code io.ferry.backend.nio} (readiness model), side by side.
 */
package io.ferry.backend;
