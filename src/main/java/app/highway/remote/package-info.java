/**
 * A console attached to a bridge elsewhere (team mode): {@link app.highway.remote.RemoteConsole} implements
 * {@link app.highway.ConsoleServices} over the bridge's HTTP API ({@link app.highway.remote.BridgeHttp}) and its
 * {@code /events} stream (the {@code stream} package's client), keeping the live calls it may see in memory
 * ({@link app.highway.remote.CallMirror}). No JavaFX here: the console's views use it through the same
 * interfaces as an embedded bridge.
 */
package app.highway.remote;
