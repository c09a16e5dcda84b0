/**
 * How a console follows a bridge over the network. {@link app.highway.remote.LiveCalls} keeps the live calls a
 * person may see in memory from the bridge's {@code /events} stream (the {@code stream} package's client and
 * {@link app.highway.remote.CallMirror}): every console uses it, the embedded one too (on loopback, as the
 * bridge's owner). {@link app.highway.remote.RemoteConsole}, a console attached to a bridge elsewhere (team
 * mode), implements {@link app.highway.ConsoleServices} over the bridge's HTTP API
 * ({@link app.highway.remote.BridgeHttp}) and those live calls. No JavaFX here: the console's views use it
 * through the same interfaces as an embedded bridge.
 */
package app.highway.remote;
