/**
 * The call-audio link between a bridge and a console: listening in on a live call and taking it over
 * by voice. This package owns the wire protocol below, both its ends: the bridge's side (the mix of a
 * call's two tracks, the take-over's outbound audio) and the console's client.
 *
 * <h2>Connecting</h2>
 * A WebSocket upgrade on the bridge's API port with {@code Authorization: Bearer <token>}:
 * <ul>
 * <li>{@code GET /calls/{id}/listen}: hear the call as the caller hears it, the caller's audio and the
 *     assistant's audio mixed (the assistant's after barge-in clears, at the pace the carrier plays it).
 *     Silent: neither the caller nor the model notices. Any number of listeners per call.</li>
 * <li>{@code GET /calls/{id}/takeover}: speak to the caller. While the socket is open the assistant is
 *     muted (no response is created, none is played) and the frames the console sends are the call's
 *     outbound audio; the bridge sends the console the caller's audio. Closing the socket (or its
 *     dropping) hands the call back to the assistant, with a system note saying what happened. One
 *     take-over per call at a time.</li>
 * </ul>
 * A refused upgrade answers with the API's JSON error and status: 401 (no or bad token), 403 (the
 * person may not: an agent listens only to the calls they placed and never takes over), 404 (no such
 * call), 409 (the call is not live, is held by another bridge of the fleet, or is already taken over).
 *
 * <h2>Frames (binary messages, both directions)</h2>
 * {@link app.highway.audiolink.AudioFrame}: 8 bytes big-endian sequence number (0, 1, 2, … per socket
 * and direction), 8 bytes big-endian wall-clock time in microseconds since the epoch when the sender
 * produced the frame (the bridge: when it mixed it; a console: when the microphone delivered it), then
 * the audio: G.711 μ-law, 8 kHz, mono, 20 ms (160 bytes). The clock lets either end measure the
 * link's delay when both clocks agree (same machine, or NTP).
 *
 * <h2>Text messages (bridge to console)</h2>
 * {@code {"type":"ended","reason":"<end reason>"}} when the call ends, just before the bridge closes
 * the socket with 1000.
 *
 * <h2>Close codes</h2>
 * 1000: the call ended or the console stopped. 1001: the bridge is stopping. 1007: a message from the
 * console was not exactly one frame (the reason says why; the frames before it were used). 4001: the
 * console did not keep up (its connection stayed full for a second; frames were dropped for it alone
 * meanwhile): reconnect. 4003: the token was revoked. 4009: another console took the call over (listen
 * sockets stay open). 1011: the bridge failed. The constants are {@link app.highway.audiolink.LinkCloseCodes}.
 */
package app.highway.audiolink;
