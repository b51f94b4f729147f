package io.ferry.bench.soak;

/** The moves a soak client draws from, and how often each is drawn relative to the others. */
enum SoakMove {
    ECHO_CHURN(10), ECHO_PIPELINED(6), ECHO_LARGE_SLOW_READER(2), ECHO_RESET(3),
    HTTP_KEEP_ALIVE(8), HTTP_PIPELINED(6), HTTP_ECHO_CLOSE(3), HTTP_LARGE_BODY(2), HTTP_FILE(4),
    HTTP_FILE_SLOW_READER(1), HTTP_RESET_MID_BODY(3),
    RESP_SET_GET(8), RESP_PIPELINED(6), RESP_LARGE_SLOW_READER(1), RESP_RESET(3);

    private static final int TOTAL = java.util.Arrays.stream(values()).mapToInt(m -> m.weight).sum();
    private final int weight;

    SoakMove(int weight) {
        this.weight = weight;
    }

    /** The move a uniform draw in {@code [0, total weight)} lands on. */
    static SoakMove draw(java.util.SplittableRandom random) {
        int r = random.nextInt(TOTAL);
        for (SoakMove m : values()) {
            r -= m.weight;
            if (r < 0) {
                return m;
            }
        }
        throw new AssertionError(r);
    }
}
