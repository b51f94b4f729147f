package io.ferry.net;

/**
 * Who is at the other end of a Unix domain socket: the kernel's SO_PEERCRED, recorded when the peer called
 * {@code connect} (or {@code listen}, for a connecting side). Immutable; any thread.
 *
 * <p>Note: the backends report different halves. io_uring and epoll read the numbers ({@code pid}, {@code uid},
 * {@code gid}) and leave the names null; java.nio's {@code ExtendedSocketOptions.SO_PEERCRED} gives only the user
 * and group names (numbers when the name service knows none), so there {@code pid}, {@code uid} and {@code gid}
 * are -1.
 *
 * @param pid   the peer's process id, or -1 when the backend does not report it
 * @param uid   the peer's effective user id, or -1 when the backend does not report it
 * @param gid   the peer's effective group id, or -1 when the backend does not report it
 * @param user  the peer's user name, or null when the backend reports ids only
 * @param group the peer's group name, or null when the backend reports ids only
 */
public record PeerCredentials(int pid, int uid, int gid, String user, String group) {
    /**
     * {@return credentials as the Linux backends read them: numbers, no names}
     *
     * @param pid the peer's process id
     * @param uid the peer's effective user id
     * @param gid the peer's effective group id
     */
    public static PeerCredentials ofIds(int pid, int uid, int gid) {
        return new PeerCredentials(pid, uid, gid, null, null);
    }

    /**
     * {@return credentials as java.nio reports them: names, no numbers}
     *
     * @param user the peer's user name
     * @param group the peer's group name
     */
    public static PeerCredentials ofNames(String user, String group) {
        return new PeerCredentials(-1, -1, -1, user, group);
    }
}
