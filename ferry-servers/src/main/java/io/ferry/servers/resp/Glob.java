package io.ferry.servers.resp;

/**
 * Redis's glob-style matching ({@code stringmatchlen}) for KEYS and SCAN MATCH: {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a-z]}, and {@code \} escapes, on bytes, case-sensitive; a {@code *} that
 * fails against every suffix stops the search for longer matches, as Redis does, so a pattern of many
 * stars cannot take exponential time.
 *
 * <p>Threads: any; stateless.
 */
final class Glob {
    private Glob() {
    }

    static boolean matches(byte[] pattern, byte[] string, int stringLength) {
        return match(pattern, 0, string, 0, stringLength, new boolean[1]);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, int sEnd, boolean[] skipLonger) {
        int pEnd = p.length;
        while (pi < pEnd && si < sEnd) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < pEnd && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == pEnd) {
                        return true;
                    }
                    for (; si < sEnd; si++) {
                        if (match(p, pi + 1, s, si, sEnd, skipLonger)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                    }
                    skipLonger[0] = true;
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi = bracket(p, pi + 1, s[si]);
                    if (pi < 0) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (p[pi] == '\\' && pi + 1 < pEnd) {
                        pi++;
                    }
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == sEnd) {
                while (pi < pEnd && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == pEnd && si == sEnd;
    }

    /**
     * Matches {@code c} against the class starting at {@code pi} (after '['): the index of its closing
     * ']' (or of the pattern's last byte when unclosed), or -1 when {@code c} is not in the class.
     */
    private static int bracket(byte[] p, int pi, byte c) {
        int pEnd = p.length;
        boolean not = pi < pEnd && p[pi] == '^';
        if (not) {
            pi++;
        }
        boolean match = false;
        while (true) {
            if (pi < pEnd && p[pi] == '\\' && pEnd - pi >= 2) {
                pi++;
                match |= p[pi] == c;
            } else if (pi < pEnd && p[pi] == ']') {
                break;
            } else if (pi >= pEnd) {
                pi--;
                break;
            } else if (pEnd - pi >= 3 && p[pi + 1] == '-') {
                int start = Math.min(p[pi], p[pi + 2]);
                int end = Math.max(p[pi], p[pi + 2]);
                match |= c >= start && c <= end;
                pi += 2;
            } else {
                match |= p[pi] == c;
            }
            pi++;
        }
        return match != not ? pi : -1;
    }
}
