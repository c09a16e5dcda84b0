/**
 * A fleet of bridges sharing one PostgreSQL database that behaves as one: every bridge's call events
 * reach the consoles attached to any bridge, and a hang-up asked of any bridge ends the call on the
 * bridge that holds its sockets. Both travel over PostgreSQL's {@code LISTEN/NOTIFY}
 * ({@link app.highway.store.PgNotifications}); this package owns what the notifications say:
 *
 * <ul>
 * <li>{@code highway_events}: a bridge's own call events, as the {@code /events} elements
 *     ({@link app.highway.stream.StreamCodec#event}) its consoles get, newline-separated after a header
 *     line {@code 1 <bridge> <message> <part> <parts>}. A batch larger than one notification (under
 *     8000 bytes) is split into parts sent in one transaction, so they arrive together and in order,
 *     and put together again by each receiver ({@link EventFrames}): nothing is read back from the store.</li>
 * <li>{@code highway_settings}: {@code <bridge> <what>}, that bridge saved the shared {@code settings},
 *     {@code prompts} (a system-message version) or {@code prices} in the store; every other bridge reads
 *     them again and tells its consoles ({@code settings_changed} on {@code /events}).</li>
 * <li>{@code highway_commands} and {@code highway_acks}: {@code hang_up} of a call asked of the bridge
 *     that holds it, and its answer ({@link FleetCommands}).</li>
 * </ul>
 *
 * A bridge whose listening connection drops (the database restarted, the network) reconnects with backoff;
 * since notifications sent meanwhile are lost, it then reads the shared settings again and tells every
 * console attached to it to resync (a fresh snapshot from the store), so none silently misses an event.
 *
 * <p>Only on PostgreSQL: a bridge on SQLite is alone and none of this runs.
 */
package app.highway.fleet;
