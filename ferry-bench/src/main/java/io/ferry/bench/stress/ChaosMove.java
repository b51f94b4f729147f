package io.ferry.bench.stress;

/** The moves a chaos client draws from, and how often each is drawn relative to the others. */
public enum ChaosMove {
    ECHO_HANDLER(14), ECHO_BLOCKING(10), SERVER_CLOSES(5), SERVER_ABORTS(5), SERVER_SHUTS_OUTPUT(5),
    CLIENT_SHUTS_OUTPUT(6), CLIENT_RESETS(8), NEVER_READS(5), HTTP_KEEP_ALIVE(8), HTTP_ECHO_CLOSE(6),
    HTTP_RESET_MID_BODY(8), FERRY_CONNECT(8), FERRY_SOCKET(6), FAILING_CONNECTS(2), CLOSE_FROM_HANDLER(1),
    CLOSE_FROM_CARRIED_THREAD(1);

    private final int weight;

    ChaosMove(int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }
}
