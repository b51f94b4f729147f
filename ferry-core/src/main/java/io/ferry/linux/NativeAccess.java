package io.ferry.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one place that builds downcall handles and touches restricted FFM methods.
 *
 * <p>Every syscall class asks this helper for its {@code MethodHandle}s once, in static initialisers. Handles built
 * here capture {@code errno}: their first parameter is a call-state segment, which callers obtain from
 * {@link #callState()} and read back with {@link #errno(MemorySegment)}. The call-state segment is allocated once per
 * thread (from an automatic arena), never per call.
 *
 * <p>Thread safety: all methods may be called from any thread.
 *
 * <p>Note: Ferry needs native access. Launch with {@code --enable-native-access=ALL-UNNAMED} (or the module's name).
 * Without it, building a handle throws {@link IllegalStateException} with that advice; {@link #isEnabled()} and
 * {@link #unavailableReason()} let callers check first.
 */
@SuppressWarnings("restricted")
public final class NativeAccess {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle VH_ERRNO =
        CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<MemorySegment> CALL_STATE =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));
    private static final boolean ENABLED = NativeAccess.class.getModule().isNativeAccessEnabled();
    private static final String FLAG_ADVICE = "Ferry needs native access: launch the JVM with "
        + "--enable-native-access=ALL-UNNAMED (or --enable-native-access=<ferry module name>)";

    private NativeAccess() {
    }

    /** Returns true when this module may call native code without warnings. */
    public static boolean isEnabled() {
        return ENABLED;
    }

    /** Returns null when native access is enabled, else a one-line reason naming the JVM flag to add. */
    public static String unavailableReason() {
        return ENABLED ? null : FLAG_ADVICE;
    }

    /**
     * Builds a downcall handle for a libc function whose errno is captured.
     *
     * <p>The returned handle takes a call-state {@link MemorySegment} as its first parameter, followed by the
     * parameters of {@code descriptor}.
     *
     * @param name the libc symbol
     * @param descriptor the C signature
     * @param critical true for short calls that never block ({@code Linker.Option.critical(false)})
     * @return the handle
     * @throws IllegalStateException when native access is not enabled
     * @throws UnsupportedOperationException when libc lacks the symbol
     */
    public static MethodHandle libc(String name, FunctionDescriptor descriptor, boolean critical) {
        requireEnabled();
        MemorySegment symbol = LIBC.find(name)
            .orElseThrow(() -> new UnsupportedOperationException("libc has no symbol " + name));
        return critical
            ? LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO, Linker.Option.critical(false))
            : LINKER.downcallHandle(symbol, descriptor, CAPTURE_ERRNO);
    }

    /**
     * As {@link #libc(String, FunctionDescriptor, boolean)} for a variadic C function such as {@code openat}.
     *
     * @param firstVariadicArg index in {@code descriptor} of the first variadic parameter
     */
    public static MethodHandle libcVariadic(String name, FunctionDescriptor descriptor, int firstVariadicArg,
                                            boolean critical) {
        requireEnabled();
        MemorySegment symbol = LIBC.find(name)
            .orElseThrow(() -> new UnsupportedOperationException("libc has no symbol " + name));
        Linker.Option variadic = Linker.Option.firstVariadicArg(firstVariadicArg);
        return critical
            ? LINKER.downcallHandle(symbol, descriptor, variadic, CAPTURE_ERRNO, Linker.Option.critical(false))
            : LINKER.downcallHandle(symbol, descriptor, variadic, CAPTURE_ERRNO);
    }

    /**
     * Builds a handle for libc's variadic {@code syscall(long number, ...)} with errno captured.
     *
     * <p>Pass every argument as {@code JAVA_LONG} (pointers as addresses) so no C promotion rule applies.
     *
     * @param descriptor the full signature, number first, e.g. {@code (long,long,long)long}
     * @param critical true for calls that never block
     * @return the handle; first parameter is the call-state segment
     */
    public static MethodHandle syscall(FunctionDescriptor descriptor, boolean critical) {
        requireEnabled();
        MemorySegment symbol = LIBC.find("syscall")
            .orElseThrow(() -> new UnsupportedOperationException("libc has no symbol syscall"));
        Linker.Option variadic = Linker.Option.firstVariadicArg(1);
        return critical
            ? LINKER.downcallHandle(symbol, descriptor, variadic, CAPTURE_ERRNO, Linker.Option.critical(false))
            : LINKER.downcallHandle(symbol, descriptor, variadic, CAPTURE_ERRNO);
    }

    /**
     * Loads a shared library (such as {@code libssl.so.3}) for the life of the JVM.
     *
     * @param soname the library's file name, as the dynamic loader looks it up
     * @return its symbols
     * @throws IllegalStateException when native access is not enabled
     * @throws IllegalArgumentException when the loader cannot find or load it
     */
    public static SymbolLookup library(String soname) {
        requireEnabled();
        return SymbolLookup.libraryLookup(soname, Arena.global());
    }

    /**
     * Builds a downcall handle for a function of a library from {@link #library}; no call state is captured.
     *
     * @param library the library's symbols
     * @param name the symbol
     * @param descriptor the C signature (pointers may be passed as {@code JAVA_LONG} addresses)
     * @param critical true for short calls that never block and never call back into Java
     * @return the handle
     * @throws UnsupportedOperationException when the library lacks the symbol
     */
    public static MethodHandle function(SymbolLookup library, String name, FunctionDescriptor descriptor,
                                        boolean critical) {
        requireEnabled();
        MemorySegment symbol = library.find(name)
            .orElseThrow(() -> new UnsupportedOperationException("no symbol " + name));
        return critical
            ? LINKER.downcallHandle(symbol, descriptor, Linker.Option.critical(false))
            : LINKER.downcallHandle(symbol, descriptor);
    }

    /**
     * Builds a C function pointer that calls {@code target}, valid for the life of the JVM.
     *
     * @param target a static method handle whose type matches {@code descriptor}
     * @param descriptor the C signature of the callback
     * @return the function pointer
     */
    public static MemorySegment upcall(MethodHandle target, FunctionDescriptor descriptor) {
        requireEnabled();
        return LINKER.upcallStub(target, descriptor, Arena.global());
    }

    /** Returns this thread's call-state segment (allocated on first use by the thread, then reused). */
    public static MemorySegment callState() {
        return CALL_STATE.get();
    }

    /** Reads the errno captured in {@code callState} by the last call that used it. */
    public static int errno(MemorySegment callState) {
        return (int) VH_ERRNO.get(callState, 0L);
    }

    /**
     * Returns a segment of {@code byteSize} bytes at a native address (for example one returned by {@code mmap}).
     * The segment is not tied to any arena; the caller unmaps or frees the memory and stops using the segment.
     */
    public static MemorySegment segment(long address, long byteSize) {
        requireEnabled();
        return MemorySegment.ofAddress(address).reinterpret(byteSize);
    }

    /** Reads the NUL-terminated string at {@code address} (at most {@code maxBytes}). */
    public static String cString(long address, long maxBytes) {
        return segment(address, maxBytes).getString(0);
    }

    /** Converts a {@code Throwable} escaping {@code invokeExact} into an unchecked error; never returns normally. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("unexpected checked exception from a downcall", t);
    }

    private static void requireEnabled() {
        if (!ENABLED) {
            throw new IllegalStateException(FLAG_ADVICE);
        }
    }
}
