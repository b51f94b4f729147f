/** A program that uses Ferry as a library: it sees the exported API only. */
module ferry.consumer {
    requires io.ferry.core;
}
