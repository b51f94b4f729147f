package io.ferry.diagnostics;

/**
 * The one switch behind Ferry's debug checks: buffer bounds, reference counts and owner-thread
 * assertions. Off by default because the checks sit on hot paths; the test suite runs with them on.
 *
 * <p>Set with {@code -Dferry.checks=true}. It is read once, when this class initialises, so the JIT
 * folds every {@code if (Checks.ENABLED)} away when it is off.
 */
public final class Checks {
    /** True when {@code -Dferry.checks=true} was given. */
    public static final boolean ENABLED = Boolean.getBoolean("ferry.checks");

    private Checks() {
    }
}
