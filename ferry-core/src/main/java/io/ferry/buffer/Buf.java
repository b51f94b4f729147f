package io.ferry.buffer;

import io.ferry.diagnostics.Checks;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reference-counted view over pooled native memory, with a read index and a write index.
 *
 * <pre>
 *   0 ........ readIndex ........ writeIndex ........ capacity
 *   | consumed |     readable     |      writable      |
 * </pre>
 *
 * <p>Relative reads and writes ({@code readInt}, {@code writeBytes}, ...) take bytes at the read index or
 * add them at the write index, advance it, and throw {@link IndexOutOfBoundsException} when too few bytes
 * are readable or writable. Absolute accessors ({@code getInt(index)}, {@code setInt(index, v)}, ...) take
 * an index within {@code [0, capacity)} and move neither index. Multi-byte values are big-endian unless the
 * method name ends in {@code LE}.
 *
 * <p>Ownership: whoever holds a {@code Buf} owns one reference and must {@link #release()} it (or
 * hand it to a method that says it takes ownership, such as {@code Connection.write}). A view starts
 * with one reference; {@link #retain()} adds one. {@link #slice(int, int)} makes a new view with its
 * own count that keeps the shared storage alive; storage goes back to its pool when its last view is
 * released. Releasing a released view, or touching it, throws {@link IllegalStateException}.
 *
 * <p>Threads: a view may be read, written and released on any one thread at a time; reference counts
 * are atomic. Storage freed away from the pool's loop thread travels home through the pool.
 *
 * <p>Note: released view objects are reused by their pool when debug checks are off, so a stale
 * reference kept after {@code release()} may see another buffer. With {@code -Dferry.checks=true}
 * views are never reused and every use after release throws.
 */
public final class Buf {
    private static final VarHandle REF_CNT;
    private static final ValueLayout.OfShort SHORT_BE =
        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort SHORT_LE =
        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    static {
        try {
            REF_CNT = MethodHandles.lookup().findVarHandle(Buf.class, "refCnt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Chunk chunk;
    private MemorySegment memory;
    private long base;
    private int capacity;
    private int readIndex;
    private int writeIndex;
    @SuppressWarnings("unused") // accessed through REF_CNT
    private volatile int refCnt;
    private LeakDetector.Record leak;
    /** Link in the pool's cache of unused view objects. */
    Buf nextFree;

    Buf() {
    }

    /** Points this (unused) view at {@code [offset, offset + capacity)} of a chunk; adds a chunk view. */
    Buf wrap(Chunk chunk, int offset, int capacity, int writeIndex) {
        chunk.addView();
        this.chunk = chunk;
        this.memory = chunk.segment;
        this.base = offset;
        this.capacity = capacity;
        this.readIndex = 0;
        this.writeIndex = writeIndex;
        REF_CNT.setRelease(this, 1);
        this.leak = LeakDetector.track(this, chunk);
        return this;
    }

    // ---- lifetime ---------------------------------------------------------------------------

    /** {@return the current reference count; 0 once released} */
    public int refCnt() {
        return (int) REF_CNT.getVolatile(this);
    }

    /**
     * Adds a reference; each one needs its own {@link #release()}.
     *
     * @return this view
     * @throws IllegalStateException if the view was already released
     */
    public Buf retain() {
        int before = (int) REF_CNT.getAndAdd(this, 1);
        if (before <= 0) {
            REF_CNT.getAndAdd(this, -1);
            throw released("retain");
        }
        return this;
    }

    /**
     * Drops a reference. The last one detaches this view from its storage, and the storage goes back
     * to its pool when no other view references it.
     *
     * @throws IllegalStateException if the view was already released
     */
    public void release() {
        int before = (int) REF_CNT.getAndAdd(this, -1);
        if (before == 1) {
            Chunk c = chunk;
            LeakDetector.Record record = leak;
            chunk = null;
            memory = null;
            leak = null;
            if (record != null) {
                record.close();
            }
            BufferPool pool = c.pool;
            c.removeView();
            pool.recycleView(this);
        } else if (before <= 0) {
            REF_CNT.getAndAdd(this, 1);
            throw released("release");
        }
    }

    private IllegalStateException released(String op) {
        return new IllegalStateException("Buf." + op + "() on a released buffer (refCnt 0): "
            + "a buffer must not be used after its last release()");
    }

    private void ensureLive() {
        if (memory == null || refCnt() <= 0) {
            throw released("access");
        }
    }

    // ---- shape ------------------------------------------------------------------------------

    /** {@return the number of bytes this view spans} */
    public int capacity() {
        return capacity;
    }

    /** {@return the index of the next byte a relative read takes} */
    public int readIndex() {
        return readIndex;
    }

    /** {@return the index of the next byte a relative write fills} */
    public int writeIndex() {
        return writeIndex;
    }

    /**
     * Moves the read index.
     *
     * @param index the new read index, within {@code [0, writeIndex]}
     * @return this view
     * @throws IndexOutOfBoundsException if {@code index} is outside that range
     */
    public Buf readIndex(int index) {
        if (index < 0 || index > writeIndex) {
            throw new IndexOutOfBoundsException("readIndex " + index + " outside [0, " + writeIndex + "]");
        }
        readIndex = index;
        return this;
    }

    /**
     * Moves the write index, for example after the kernel or a copy filled bytes through {@link #address()}.
     *
     * @param index the new write index, within {@code [readIndex, capacity]}
     * @return this view
     * @throws IndexOutOfBoundsException if {@code index} is outside that range
     */
    public Buf writeIndex(int index) {
        if (index < readIndex || index > capacity) {
            throw new IndexOutOfBoundsException(
                "writeIndex " + index + " outside [" + readIndex + ", " + capacity + "]");
        }
        writeIndex = index;
        return this;
    }

    /** {@return {@code writeIndex - readIndex}, the bytes a relative read can take} */
    public int readableBytes() {
        return writeIndex - readIndex;
    }

    /** {@return {@code capacity - writeIndex}, the bytes a relative write can add} */
    public int writableBytes() {
        return capacity - writeIndex;
    }

    /** {@return true when at least one byte is readable} */
    public boolean isReadable() {
        return writeIndex > readIndex;
    }

    /**
     * Resets both indexes to 0; the bytes stay as they were.
     *
     * @return this view
     */
    public Buf clear() {
        readIndex = 0;
        writeIndex = 0;
        return this;
    }

    /**
     * Skips {@code n} readable bytes.
     *
     * @param n the number of bytes to skip
     * @return this view
     * @throws IndexOutOfBoundsException if fewer than {@code n} bytes are readable
     */
    public Buf skip(int n) {
        return readIndex(readIndex + n);
    }

    /** {@return the native address of index 0 of this view, for iovecs and syscalls} Valid until release. */
    public long address() {
        if (Checks.ENABLED) {
            ensureLive();
        }
        return chunk.address + base;
    }

    /** Whether this view and {@code other} point into the same storage (the nio backend's gather needs it). */
    boolean sharesStorageWith(Buf other) {
        if (Checks.ENABLED) {
            ensureLive();
            other.ensureLive();
        }
        return chunk == other.chunk;
    }

    /** {@return the pool the storage belongs to} */
    public BufferPool pool() {
        if (Checks.ENABLED) {
            ensureLive();
        }
        return chunk.pool;
    }

    // ---- views ------------------------------------------------------------------------------

    /**
     * A new view over {@code [index, index + length)} of this one, readable in full, with its own
     * reference (release it separately). Shares the bytes; allocates nothing when views are reused.
     *
     * @param index the first byte of the slice, as an index of this view
     * @param length the number of bytes
     * @return the new view, with one reference
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, capacity)}
     */
    public Buf slice(int index, int length) {
        check(index, length);
        return chunk.pool.view(chunk, (int) base + index, length, length);
    }

    /**
     * {@link #slice} of the next {@code length} readable bytes, then advances the read index past them.
     *
     * @param length the number of bytes
     * @return the new view, with one reference
     * @throws IndexOutOfBoundsException if fewer than {@code length} bytes are readable
     */
    public Buf readSlice(int length) {
        if (length > readableBytes()) {
            throw new IndexOutOfBoundsException("readSlice(" + length + ") with " + readableBytes() + " readable");
        }
        Buf s = slice(readIndex, length);
        readIndex += length;
        return s;
    }

    /**
     * The storage's shared {@link ByteBuffer} positioned over {@code [index, index + length)}, for
     * {@code java.nio} channels. Allocates nothing; valid only until the next call on any view of the
     * same storage, so use it at once and on the pool's loop thread.
     *
     * @param index the first byte, as an index of this view
     * @param length the number of bytes
     * @return the shared buffer, its position and limit set to that range
     * @throws IndexOutOfBoundsException if the range is not within {@code [0, capacity)}
     */
    public ByteBuffer nioBuffer(int index, int length) {
        check(index, length);
        ByteBuffer bb = chunk.pool.sharedNioBuffer(chunk);
        int from = (int) base + index;
        bb.limit(from + length).position(from);
        return bb;
    }

    /** {@return a {@link MemorySegment} over this view's whole capacity} Allocates; not for hot paths. */
    public MemorySegment asSegment() {
        if (Checks.ENABLED) {
            ensureLive();
        }
        return memory.asSlice(base, capacity);
    }

    // ---- absolute access --------------------------------------------------------------------

    private void check(int index, int length) {
        if (Checks.ENABLED) {
            ensureLive();
        }
        if (index < 0 || length < 0 || index > capacity - length) {
            throw new IndexOutOfBoundsException(
                "[" + index + ", " + index + "+" + length + ") outside [0, " + capacity + ")");
        }
    }

    /**
     * {@return the byte at {@code index}}
     *
     * @param index an index within {@code [0, capacity)}
     */
    public byte getByte(int index) {
        check(index, 1);
        return memory.get(ValueLayout.JAVA_BYTE, base + index);
    }

    /**
     * Stores the low 8 bits of {@code value} at {@code index}.
     *
     * @param index an index within {@code [0, capacity)}
     * @param value the byte, in its low 8 bits
     * @return this view
     */
    public Buf setByte(int index, int value) {
        check(index, 1);
        memory.set(ValueLayout.JAVA_BYTE, base + index, (byte) value);
        return this;
    }

    /**
     * {@return the big-endian 16-bit value at {@code index}}
     *
     * @param index the first of 2 bytes within {@code [0, capacity)}
     */
    public short getShort(int index) {
        check(index, 2);
        return memory.get(SHORT_BE, base + index);
    }

    /**
     * Stores the low 16 bits of {@code value} big-endian at {@code index}.
     *
     * @param index the first of 2 bytes within {@code [0, capacity)}
     * @param value the value, in its low 16 bits
     * @return this view
     */
    public Buf setShort(int index, int value) {
        check(index, 2);
        memory.set(SHORT_BE, base + index, (short) value);
        return this;
    }

    /**
     * {@return the little-endian 16-bit value at {@code index}}
     *
     * @param index the first of 2 bytes within {@code [0, capacity)}
     */
    public short getShortLE(int index) {
        check(index, 2);
        return memory.get(SHORT_LE, base + index);
    }

    /**
     * Stores the low 16 bits of {@code value} little-endian at {@code index}.
     *
     * @param index the first of 2 bytes within {@code [0, capacity)}
     * @param value the value, in its low 16 bits
     * @return this view
     */
    public Buf setShortLE(int index, int value) {
        check(index, 2);
        memory.set(SHORT_LE, base + index, (short) value);
        return this;
    }

    /**
     * {@return the big-endian 32-bit value at {@code index}}
     *
     * @param index the first of 4 bytes within {@code [0, capacity)}
     */
    public int getInt(int index) {
        check(index, 4);
        return memory.get(INT_BE, base + index);
    }

    /**
     * Stores {@code value} big-endian at {@code index}.
     *
     * @param index the first of 4 bytes within {@code [0, capacity)}
     * @param value the value
     * @return this view
     */
    public Buf setInt(int index, int value) {
        check(index, 4);
        memory.set(INT_BE, base + index, value);
        return this;
    }

    /**
     * {@return the little-endian 32-bit value at {@code index}}
     *
     * @param index the first of 4 bytes within {@code [0, capacity)}
     */
    public int getIntLE(int index) {
        check(index, 4);
        return memory.get(INT_LE, base + index);
    }

    /**
     * Stores {@code value} little-endian at {@code index}.
     *
     * @param index the first of 4 bytes within {@code [0, capacity)}
     * @param value the value
     * @return this view
     */
    public Buf setIntLE(int index, int value) {
        check(index, 4);
        memory.set(INT_LE, base + index, value);
        return this;
    }

    /**
     * {@return the big-endian 64-bit value at {@code index}}
     *
     * @param index the first of 8 bytes within {@code [0, capacity)}
     */
    public long getLong(int index) {
        check(index, 8);
        return memory.get(LONG_BE, base + index);
    }

    /**
     * Stores {@code value} big-endian at {@code index}.
     *
     * @param index the first of 8 bytes within {@code [0, capacity)}
     * @param value the value
     * @return this view
     */
    public Buf setLong(int index, long value) {
        check(index, 8);
        memory.set(LONG_BE, base + index, value);
        return this;
    }

    /**
     * {@return the little-endian 64-bit value at {@code index}}
     *
     * @param index the first of 8 bytes within {@code [0, capacity)}
     */
    public long getLongLE(int index) {
        check(index, 8);
        return memory.get(LONG_LE, base + index);
    }

    /**
     * Stores {@code value} little-endian at {@code index}.
     *
     * @param index the first of 8 bytes within {@code [0, capacity)}
     * @param value the value
     * @return this view
     */
    public Buf setLongLE(int index, long value) {
        check(index, 8);
        memory.set(LONG_LE, base + index, value);
        return this;
    }

    /**
     * Copies {@code length} bytes at {@code index} into {@code dst[offset..]}.
     *
     * @param index the first byte to copy, within {@code [0, capacity)}
     * @param dst the destination array
     * @param offset where the copy starts in {@code dst}
     * @param length the number of bytes
     * @return this view
     */
    public Buf getBytes(int index, byte[] dst, int offset, int length) {
        check(index, length);
        MemorySegment.copy(memory, ValueLayout.JAVA_BYTE, base + index, dst, offset, length);
        return this;
    }

    /**
     * Copies {@code src[offset..offset+length)} to {@code index}.
     *
     * @param index where the copy lands, within {@code [0, capacity)}
     * @param src the source array
     * @param offset the first byte copied from {@code src}
     * @param length the number of bytes
     * @return this view
     */
    public Buf setBytes(int index, byte[] src, int offset, int length) {
        check(index, length);
        MemorySegment.copy(src, offset, memory, ValueLayout.JAVA_BYTE, base + index, length);
        return this;
    }

    /**
     * Copies {@code length} bytes from {@code src} at {@code srcIndex} to {@code index} of this view; neither
     * view's indexes move.
     *
     * @param index where the copy lands, within {@code [0, capacity)}
     * @param src the source view
     * @param srcIndex the first byte copied, as an index of {@code src}
     * @param length the number of bytes
     * @return this view
     */
    public Buf setBytes(int index, Buf src, int srcIndex, int length) {
        check(index, length);
        src.check(srcIndex, length);
        MemorySegment.copy(src.memory, src.base + srcIndex, memory, base + index, length);
        return this;
    }

    /**
     * Finds a byte value, as a parser looks for a delimiter.
     *
     * @param from the first index searched
     * @param to the end of the search, exclusive
     * @param value the byte to look for
     * @return the first index in {@code [from, to)} holding {@code value}, or -1
     */
    public int indexOf(int from, int to, byte value) {
        check(from, to - from);
        // Eight bytes a time (a parser's hottest loop): a byte of the word equal to value becomes zero after the
        // XOR, and (x - 0x01..) & ~x & 0x80.. flags zero bytes. Borrows can flag bytes above a real zero, never
        // below it, so the lowest flag (the first byte in memory, as the word is read little-endian) is exact.
        long pattern = (value & 0xffL) * ONES;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long x = memory.get(LONG_LE, base + i) ^ pattern;
            long zeros = (x - ONES) & ~x & HIGH_BITS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (memory.get(ValueLayout.JAVA_BYTE, base + i) == value) {
                return i;
            }
        }
        return -1;
    }

    // ---- relative access --------------------------------------------------------------------

    private int advanceRead(int n) {
        if (Checks.ENABLED) {
            ensureLive();
        }
        int i = readIndex;
        if (n < 0 || n > writeIndex - i) {
            throw new IndexOutOfBoundsException("read of " + n + " bytes with " + (writeIndex - i) + " readable");
        }
        readIndex = i + n;
        return i;
    }

    private int advanceWrite(int n) {
        if (Checks.ENABLED) {
            ensureLive();
        }
        int i = writeIndex;
        if (n < 0 || n > capacity - i) {
            throw new IndexOutOfBoundsException("write of " + n + " bytes with " + (capacity - i) + " writable");
        }
        writeIndex = i + n;
        return i;
    }

    /** {@return the next readable byte} Advances the read index by 1. */
    public byte readByte() {
        return getByte(advanceRead(1));
    }

    /** {@return the next 2 readable bytes as a big-endian value} Advances the read index by 2. */
    public short readShort() {
        return getShort(advanceRead(2));
    }

    /** {@return the next 2 readable bytes as a little-endian value} Advances the read index by 2. */
    public short readShortLE() {
        return getShortLE(advanceRead(2));
    }

    /** {@return the next 4 readable bytes as a big-endian value} Advances the read index by 4. */
    public int readInt() {
        return getInt(advanceRead(4));
    }

    /** {@return the next 4 readable bytes as a little-endian value} Advances the read index by 4. */
    public int readIntLE() {
        return getIntLE(advanceRead(4));
    }

    /** {@return the next 8 readable bytes as a big-endian value} Advances the read index by 8. */
    public long readLong() {
        return getLong(advanceRead(8));
    }

    /** {@return the next 8 readable bytes as a little-endian value} Advances the read index by 8. */
    public long readLongLE() {
        return getLongLE(advanceRead(8));
    }

    /**
     * Copies the next {@code length} readable bytes into {@code dst[offset..offset+length)} and advances the
     * read index past them.
     *
     * @param dst the destination array
     * @param offset where the copy starts in {@code dst}
     * @param length the number of bytes
     * @return this view
     */
    public Buf readBytes(byte[] dst, int offset, int length) {
        return getBytes(advanceRead(length), dst, offset, length);
    }

    /**
     * Appends the low 8 bits of {@code value} at the write index.
     *
     * @param value the byte, in its low 8 bits
     * @return this view
     */
    public Buf writeByte(int value) {
        return setByte(advanceWrite(1), value);
    }

    /**
     * Appends the low 16 bits of {@code value}, big-endian.
     *
     * @param value the value, in its low 16 bits
     * @return this view
     */
    public Buf writeShort(int value) {
        return setShort(advanceWrite(2), value);
    }

    /**
     * Appends the low 16 bits of {@code value}, little-endian.
     *
     * @param value the value, in its low 16 bits
     * @return this view
     */
    public Buf writeShortLE(int value) {
        return setShortLE(advanceWrite(2), value);
    }

    /**
     * Appends {@code value}, big-endian.
     *
     * @param value the value
     * @return this view
     */
    public Buf writeInt(int value) {
        return setInt(advanceWrite(4), value);
    }

    /**
     * Appends {@code value}, little-endian.
     *
     * @param value the value
     * @return this view
     */
    public Buf writeIntLE(int value) {
        return setIntLE(advanceWrite(4), value);
    }

    /**
     * Appends {@code value}, big-endian.
     *
     * @param value the value
     * @return this view
     */
    public Buf writeLong(long value) {
        return setLong(advanceWrite(8), value);
    }

    /**
     * Appends {@code value}, little-endian.
     *
     * @param value the value
     * @return this view
     */
    public Buf writeLongLE(long value) {
        return setLongLE(advanceWrite(8), value);
    }

    /**
     * Appends all of {@code src}.
     *
     * @param src the bytes
     * @return this view
     */
    public Buf writeBytes(byte[] src) {
        return writeBytes(src, 0, src.length);
    }

    /**
     * Appends {@code src[offset..offset+length)}.
     *
     * @param src the source array
     * @param offset the first byte copied from {@code src}
     * @param length the number of bytes
     * @return this view
     */
    public Buf writeBytes(byte[] src, int offset, int length) {
        return setBytes(advanceWrite(length), src, offset, length);
    }

    /**
     * Copies all readable bytes of {@code src} (its read index moves to its write index).
     *
     * @param src the source view; it keeps its reference
     * @return this view
     */
    public Buf writeBytes(Buf src) {
        int n = src.readableBytes();
        setBytes(advanceWrite(n), src, src.advanceRead(n), n);
        return this;
    }

    /**
     * Writes {@code s}, which must be ASCII, one byte per char; allocates nothing. All or nothing: a char
     * above U+007F fails with {@link IllegalArgumentException} (naming it) and writes nothing, instead of
     * being cut to its low byte. For other text use {@link #writeUtf8}.
     *
     * @param s the text
     * @return this view
     * @throws IllegalArgumentException if {@code s} holds a char above U+007F
     */
    public Buf writeAscii(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException(String.format(
                    "writeAscii: '%c' (U+%04X) at index %d is not ASCII; use writeUtf8", c, (int) c, i));
            }
        }
        int at = advanceWrite(n);
        for (int i = 0; i < n; i++) {
            memory.set(ValueLayout.JAVA_BYTE, base + at + i, (byte) s.charAt(i));
        }
        return this;
    }

    /**
     * Writes {@code s} encoded as UTF-8; allocates nothing. An unpaired surrogate is written as
     * {@code '?'}, as the JDK's encoder does. All or nothing: when the bytes do not fit, nothing is
     * written.
     *
     * @param s the text
     * @return this view
     */
    public Buf writeUtf8(CharSequence s) {
        int at = advanceWrite(utf8Length(s));
        long p = base + at;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) c);
            } else if (c < 0x800) {
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0xC0 | c >> 6));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0x80 | c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0xF0 | cp >> 18));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0x80 | cp >> 12 & 0x3F));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0x80 | cp >> 6 & 0x3F));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0x80 | cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) '?');
            } else {
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0xE0 | c >> 12));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0x80 | c >> 6 & 0x3F));
                memory.set(ValueLayout.JAVA_BYTE, p++, (byte) (0x80 | c & 0x3F));
            }
        }
        return this;
    }

    /**
     * {@return the number of bytes {@link #writeUtf8} writes for {@code s}}
     *
     * @param s the text
     */
    public static int utf8Length(CharSequence s) {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }

    /**
     * Writes {@code value} in decimal ASCII; allocates nothing. All or nothing: when the digits do
     * not fit, nothing is written and the write index stays put.
     *
     * @param value the number
     * @return this view
     */
    public Buf writeDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            return writeAscii("-9223372036854775808");
        }
        boolean negative = value < 0;
        long v = negative ? -value : value;
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int length = negative ? digits + 1 : digits;
        int at = advanceWrite(length);
        if (negative) {
            memory.set(ValueLayout.JAVA_BYTE, base + at, (byte) '-');
        }
        for (int i = at + length - 1; i >= at + length - digits; i--) {
            memory.set(ValueLayout.JAVA_BYTE, base + i, (byte) ('0' + v % 10));
            v /= 10;
        }
        return this;
    }

    /**
     * {@return a heap copy of the readable bytes} The read index stays. Allocates; for tests, logs and slow
     * paths.
     */
    public byte[] toByteArray() {
        byte[] out = new byte[readableBytes()];
        getBytes(readIndex, out, 0, out.length);
        return out;
    }

    /** {@return the readable bytes as ISO-8859-1 text} Allocates; for tests and logs. */
    public String toAsciiString() {
        return new String(toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /**
     * {@return the readable bytes decoded as UTF-8} Malformed input is replaced, as {@link String} does.
     * Allocates.
     */
    public String toUtf8String() {
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Buf[r=" + readIndex + ", w=" + writeIndex + ", cap=" + capacity + ", refCnt=" + refCnt() + "]";
    }
}
