package io.ferry.servers.resp;

/**
 * What command execution reuses from call to call, one per loop thread rather than one per connection: a
 * probe key for lookups, a number parser, and the command objects that keep a call's options in fields.
 * Nothing here outlives one command, so every connection of a loop can share it.
 *
 * <p>Threads: its loop thread only.
 */
final class LoopCommands {
    final Key probe = Key.newProbe();
    final Decimal decimal = new Decimal();
    final SetCommand set;
    final KeyCommands keys;
    final InfoCommand info;

    LoopCommands(ServerState server) {
        this.set = new SetCommand(server, probe);
        this.keys = new KeyCommands(server.keyspace, probe);
        this.info = new InfoCommand(server);
    }
}
