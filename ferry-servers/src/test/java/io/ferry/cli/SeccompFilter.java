package io.ferry.cli;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Installs a seccomp filter that makes the given x86_64 system calls fail with EPERM, as Docker's default
 * profile does for io_uring_setup. Applied to every thread of the process (SECCOMP_FILTER_FLAG_TSYNC), and
 * inherited by the threads started later, so it holds for the whole JVM from then on. Cannot be undone.
 */
final class SeccompFilter {
    static final int IO_URING_SETUP = 425;
    static final int EPOLL_CREATE = 213;
    static final int EPOLL_CREATE1 = 291;

    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final long SYS_SECCOMP = 317;
    private static final int SECCOMP_SET_MODE_FILTER = 1;
    private static final int SECCOMP_FILTER_FLAG_TSYNC = 1;
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int EPERM = 1;
    // Classic BPF opcodes: load a 32-bit word of seccomp_data, compare, return.
    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short RET_K = 0x06;
    private static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    private static final int SECCOMP_RET_ERRNO = 0x00050000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;

    private SeccompFilter() {
    }

    /** Forbids {@code syscalls} (x86_64 numbers) for the whole process. */
    static void forbid(List<Integer> syscalls) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle prctl = linker.downcallHandle(linker.defaultLookup().find("prctl").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
        MethodHandle syscall = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(1));
        if ((int) prctl.invokeExact(PR_SET_NO_NEW_PRIVS, 1L, 0L, 0L, 0L) != 0) {
            throw new IllegalStateException("prctl(PR_SET_NO_NEW_PRIVS) failed");
        }
        int n = syscalls.size();
        try (Arena arena = Arena.ofConfined()) {
            // arch check, load nr, one compare per forbidden call, allow, deny.
            MemorySegment program = arena.allocate(8L * (n + 6), 8);
            int i = 0;
            i = put(program, i, LD_W_ABS, 0, 0, OFFSET_ARCH);
            i = put(program, i, JEQ_K, 1, 0, AUDIT_ARCH_X86_64);
            i = put(program, i, RET_K, 0, 0, SECCOMP_RET_ALLOW); // another architecture: leave it alone
            i = put(program, i, LD_W_ABS, 0, 0, OFFSET_NR);
            for (int k = 0; k < n; k++) {
                int toDeny = n - k; // skip the remaining compares and the allow
                i = put(program, i, JEQ_K, toDeny, 0, syscalls.get(k));
            }
            i = put(program, i, RET_K, 0, 0, SECCOMP_RET_ALLOW);
            put(program, i, RET_K, 0, 0, SECCOMP_RET_ERRNO | EPERM);
            MemorySegment fprog = arena.allocate(16, 8);
            fprog.set(ValueLayout.JAVA_SHORT, 0, (short) (n + 6));
            fprog.set(ValueLayout.ADDRESS, 8, program);
            long r = (long) syscall.invokeExact(SYS_SECCOMP, (long) SECCOMP_SET_MODE_FILTER,
                (long) SECCOMP_FILTER_FLAG_TSYNC, fprog);
            if (r != 0) {
                throw new IllegalStateException("seccomp(SECCOMP_SET_MODE_FILTER) returned " + r);
            }
        }
    }

    private static int put(MemorySegment program, int index, short code, int jt, int jf, int k) {
        long at = 8L * index;
        program.set(ValueLayout.JAVA_SHORT, at, code);
        program.set(ValueLayout.JAVA_BYTE, at + 2, (byte) jt);
        program.set(ValueLayout.JAVA_BYTE, at + 3, (byte) jf);
        program.set(ValueLayout.JAVA_INT, at + 4, k);
        return index + 1;
    }
}
