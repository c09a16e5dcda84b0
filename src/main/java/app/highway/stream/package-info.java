/**
 * The live event stream, {@code /events}: the one wire protocol by which consoles follow a bridge's
 * calls, and both of its ends ({@link app.highway.stream.EventStreams} on the bridge,
 * {@link app.highway.stream.EventStreamClient} in a console). {@link app.highway.stream.StreamCodec}
 * is the only class that knows its JSON.
 *
 * <h2>Connecting</h2>
 * A WebSocket upgrade of {@code GET /events} on the bridge's API port, with
 * {@code Authorization: Bearer <token>}. Without a valid token the upgrade is refused with 401 and
 * no socket is opened. To resume after a drop, add {@code ?after=<last seq seen>&bridge=<bridge id
 * from the hello>}. The client sends nothing after the upgrade (anything it sends is ignored).
 *
 * <h2>Messages (bridge to console, one JSON object per text message)</h2>
 * <table>
 * <caption>Message types</caption>
 * <tr><th>{@code type}</th><th>fields</th><th>when</th></tr>
 * <tr><td>{@code hello}</td><td>{@code protocol} (1), {@code bridge} (id, new at each start),
 *     {@code user}, {@code role}</td><td>first, on every connection</td></tr>
 * <tr><td>{@code resync}</td><td>{@code reason}</td><td>after the hello, when the resume asked for
 *     cannot be served (events no longer kept, or another bridge): drop what you hold; a snapshot
 *     follows. Also at any time on a bridge of a fleet that was cut off from the other bridges'
 *     notifications (it may have missed their events): then a snapshot and a {@code settings_changed}
 *     follow</td></tr>
 * <tr><td>{@code snapshot}</td><td>{@code seq}, {@code calls} (the API's call JSON, redacted, each
 *     transcript line with its {@code itemId})</td><td>after the hello on a new connection or after a
 *     resync: every live call the person may see, reflecting at least every event up to {@code seq}</td></tr>
 * <tr><td>{@code events}</td><td>{@code events}: [{@code seq}, {@code event} (e.g.
 *     {@code transcript_updated}), {@code data} (the event's fields), {@code bridge} (on a bridge of a
 *     fleet only: the fleet id of the bridge that holds the call)]</td><td>live, one message per
 *     batch; on a resume, first the missed events</td></tr>
 * <tr><td>{@code settings_changed}</td><td>{@code what}: a list of {@code settings},
 *     {@code prompts}, {@code prices}</td><td>when the call settings, the system-message versions or the
 *     price table were saved (through this bridge or, on a fleet, any other): read them again
 *     ({@code GET /settings}, {@code /prompts}, {@code /prices}); not numbered, not replayed on a resume
 *     (a console reads them again after every reconnection anyway)</td></tr>
 * <tr><td>{@code campaigns_changed}</td><td>{@code campaigns}: a list of campaign ids</td><td>a campaign's
 *     state or one of its rows changed (changes within 200 ms go out together), sent only to those who may see
 *     it (supervisors, admins, its owner): read its progress again ({@code GET /campaigns/{id}}); not numbered,
 *     not replayed (a console reads them again after every reconnection)</td></tr>
 * <tr><td>{@code heartbeat}</td><td>{@code seq}</td><td>every 15 s: the bridge is alive, and every
 *     event up to {@code seq} the person may see has been sent (resume from it)</td></tr>
 * <tr><td>{@code error}</td><td>{@code code}, {@code message}</td><td>before the bridge closes the
 *     stream for a reason the console must show (e.g. {@code revoked})</td></tr>
 * </table>
 *
 * <p>A call's verification code is hidden ({@code [code]}) in the snapshots and events every stream gets,
 * except the streams of the person who placed the call (they typed it).
 * <p>The event kinds are the bridge's call events, named in snake case, with their fields as {@code data}.
 * One of them, {@code turn_measured} ({@code callId}, {@code latencyMs}, {@code at}), says the assistant
 * answered a turn: {@code latencyMs} from the model's {@code input_audio_buffer.speech_stopped} to the
 * answer's first audio written to the carrier, {@code at} when that audio went out (ISO-8601). A console
 * adds it to the call's {@code turnLatency} (count, last, p50 and p90 by nearest rank, and the turns) and to
 * its timeline (kind {@code turn}), as the bridge's own record does.
 *
 * <p>Sequence numbers are per bridge, start at 1 and grow by one per call event; a person sees the
 * events of the calls they may see ({@code Actor.maySee}), so the numbers they receive may skip. On a
 * bridge of a fleet (PostgreSQL, see {@code app.highway.fleet}) the sequence also numbers the events of
 * calls other bridges hold, and the snapshot holds their live calls too, so a console sees the whole
 * fleet and resumes exactly on the bridge it is attached to.
 *
 * <h2>Supervisor powers</h2>
 * A call's JSON (snapshot) holds {@code muted} (the assistant hears and transcribes the caller but does not
 * answer), {@code takenOverBy} (the user name of a supervisor speaking in the assistant's place, or null)
 * and {@code listeners} (how many listen in). They change with {@code supervision_changed}
 * ({@code muted}, {@code takenOverBy}, {@code listeners}: the whole state each time). Every use of a power
 * is a {@code supervisor_action} ({@code action}: {@code whisper}, {@code say}, {@code mute},
 * {@code unmute}, {@code transfer}, {@code listen}, {@code take-over}, {@code hand-back}; {@code by}: who;
 * {@code detail}: what was said or done, the code hidden), which is also on the call's timeline as
 * {@code <action>} / {@code by <user>: <detail>}. A whisper is a {@code transcript_updated} line whose
 * {@code speaker} is {@code supervisor}: a note to the assistant, never something the caller heard.
 *
 * <h2>Close codes</h2>
 * 1001: the bridge is stopping (reconnect with backoff, resume). 4001: the console fell behind (its
 * unwritten events passed the bridge's limit): reconnect at once and resume. 4003: the token was
 * revoked: do not reconnect. 1011: the bridge failed to serve the stream.
 *
 * <h2>Compression</h2>
 * None: the API server turns {@code permessage-deflate} off for every WebSocket (the media stream's
 * audio gains nothing from it), and deflating on the relay's event loop would cost the calls CPU.
 */
package app.highway.stream;
