package io.ferry.bench.rate;

import java.io.IOException;
import java.nio.ByteBuffer;

/** What a paced request is and how its responses are recognised in a connection's byte stream. */
public interface Protocol {
    /** The bytes of one request; the caller reads from a duplicate. */
    ByteBuffer request();

    /** A new counter for one connection's response stream. */
    ResponseCounter newCounter();

    /** Finds complete responses in the bytes one connection received. Used by one thread. */
    interface ResponseCounter {
        /**
         * Consumes the complete responses at the start of {@code in} (between position and limit),
         * advancing its position past them, and returns how many; an incomplete tail is left.
         *
         * @throws IOException when the bytes are not a valid response
         */
        int consume(ByteBuffer in) throws IOException;
    }
}
