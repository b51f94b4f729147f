package io.ferry.backend.uring;

/**
 * What a completion is dispatched to: the object registered in the driver's {@code OpTable} under
 * the SQE's user_data. A socket registers itself once per kind of operation it has in flight and
 * tells them apart by key, so no object is made per operation.
 */
interface UringOp {
    /**
     * One CQE for this operation.
     *
     * @param key   the user_data it was submitted with
     * @param res   bytes, a descriptor, or -errno
     * @param flags IORING_CQE_F_* (MORE: a multishot goes on; BUFFER: {@code flags >>> 16} is the buffer id)
     */
    void complete(long key, int res, int flags);
}
