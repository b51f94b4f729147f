/**
 * Ferry's FFM foundation: syscall wrappers, errno handling, mmap and kernel struct layouts for Linux x86_64.
 *
 * <p>Rules that hold across the package:
 * <ul>
 *   <li>{@link io.ferry.linux.NativeAccess} builds every downcall handle and is the only place that uses restricted
 *       FFM methods. The JVM needs {@code --enable-native-access=ALL-UNNAMED}.</li>
 *   <li>Syscall classes ({@link io.ferry.linux.LibC}, {@link io.ferry.linux.Sockets}, {@link io.ferry.linux.Memory},
 *       {@link io.ferry.linux.Epoll}, {@link io.ferry.linux.IoUringSyscalls}) return {@code -errno} on failure and
 *       never throw for an errno; {@link io.ferry.linux.Errno#check(String, int)} is the one conversion point to
 *       {@link io.ferry.linux.NativeIoException}.</li>
 *   <li>Struct classes (one per kernel struct) hold a named {@code StructLayout}, offset constants and static
 *       accessors; sizes and offsets are checked against the kernel ABI in tests.</li>
 *   <li>Pointer arguments are raw addresses; the caller keeps the memory alive for the call (or, for io_uring,
 *       until the completion arrives).</li>
 * </ul>
 */
package io.ferry.linux;
