package app.highway.realtime;

/**
 * The GPT-Live events the bridge uses ({@link LiveConnection}), and where each is documented. GPT-Live
 * ({@code gpt-live-*}) is a voice API distinct from the Realtime API: one primary WebSocket at
 * {@code wss://api.openai.com/v1/live/sessions} (no query parameters, {@code Authorization: Bearer}),
 * {@code session.start} first, nothing else before {@code session.started}.
 *
 * <p>Sources, most authoritative first: [OAI-WS] OpenAI, "Connect a server to GPT-Live"
 * (developers.openai.com/api/docs/guides/voice-websockets); [OAI-DEL] OpenAI, "Delegation and tools in
 * GPT-Live" (developers.openai.com/api/docs/guides/live-delegation); [OAI-MIG] OpenAI, "Migrate to
 * GPT-Live" (developers.openai.com/api/docs/guides/live-migration); [MS] Microsoft Foundry, "GPT-Live event
 * API reference" (learn.microsoft.com/azure/foundry/openai/gpt-live-reference) and "voice agent live server
 * events" (learn.microsoft.com/azure/foundry/reference/voice-agent-live-server-events), and the
 * {@code LiveSessionStartEvent}/{@code LiveClientEvent} types of {@code @azure/ai-projects}; [LK] LiveKit
 * agents-js, {@code plugins/openai/src/realtime/gpt_live_types.ts} and {@code gpt_live_model.ts}
 * (github.com/livekit/agents-js, the wire types "follow the service protocol"); [TW] Twilio agent-connect's
 * GPT-Live Media Streams provider, {@code src/tac/channels/voice/media_streams/gpt_live/provider.py}
 * (github.com/twilio/twilio-agent-connect-python) and its docs page "Media Streams Providers"
 * (twilio.github.io/twilio-agent-connect-python/2.5.0/api/media_streams/); [JB] jambonz, "OpenAI GPT Live"
 * tutorial (docs.jambonz.org/tutorials/voice-ai-examples/open-ai-gpt-live).
 *
 * <pre>
 * dir  event                              fields the bridge uses                      documented in
 * ---  ---------------------------------  ------------------------------------------  -------------------------
 * out  session.start                      event_id, session{model, instructions,      OAI-WS, MS (LiveSessionStartEvent), LK, TW
 *                                         audio{format{type,rate}, output{voice}},
 *                                         delegation{type:"responses", responses{tools,
 *                                         tool_choice}}}
 * out  session.input_audio.append         audio (base64, format of session.start)    MS (server-event list mirrors it), LK, TW
 * out  session.input_audio.mute / unmute  event_id                                    LK; MS lists the muted/unmuted acks
 * out  session.thinking.append            delegation_id (null), content               LK; MS lists session.thinking.appended
 * out  session.instructions.append        delegation_id (null), content               LK; MS lists session.instructions.appended
 * out  session.commentary.append          delegation_id (null), content               LK, TW (welcome instruction); MS lists .appended
 * out  response.item.create               item{type:"function_call_output",           LK, TW (answers a delegated function call)
 *                                         call_id, output}
 * out  response.create                    (none)                                      LK, TW (after the outputs: the backend goes on)
 * out  session.close                      (none)                                      LK, TW
 * in   session.started                    session{id}                                 OAI-WS, MS, LK
 * in   session.output_audio.delta         delta (base64, session format; no item id;  MS (LiveOutputAudioDelta), LK, TW
 *                                         start_ms/end_ms omitted on the primary socket)
 * in   session.output_transcript.delta    delta, start_ms, end_ms                     MS, LK
 * in   session.input_transcript.delta     delta, start_ms, end_ms                     MS, LK
 * in   session.delegation.created         delegation{id, target}                      MS, LK, OAI-DEL
 * in   response.event                     delegation_id, event{type: response.created MS, LK
 *                                         | response.output_item.done{item{type:
 *                                         "function_call", status, call_id, name,
 *                                         arguments}} | response.completed |
 *                                         response.failed | response.incomplete}
 * in   session.usage.updated              usage{seconds}                              MS, LK
 * in   session.closed                     reason (close_requested, expired, content,  MS, LK
 *                                         remote_hangup, connection_lost), usage
 * in   error                              error{type, code, message, client_event_id} MS, LK, Voximplant's event list
 * in   session.updated, *.appended,       acknowledgements: logged only               MS, LK
 *      session.input_audio.muted/unmuted, info
 * </pre>
 *
 * <p>μ-law is {@code audio.format = {type: "audio/pcmu", rate: 8000}}: MS ({@code LiveSessionAudioFormatPcmuParam})
 * and TW ({@code TWILIO_AUDIO_FORMAT_FOR_GPT_LIVE}) agree. Sources disagree on one point: after a tool output TW
 * sends {@code response.create} at once, LK only once the delegated response has completed and every output
 * is back; the bridge follows LK (the call asks for the next response after {@code response.completed}).
 * TW also notes that a commentary append before {@code session.started} is undocumented: the bridge holds it.
 *
 * <p>Not confirmed without access to the real API (the bridge's choice in brackets): the error code of a key outside the early-access program [HTTP
 * 401/403 at the upgrade, or an {@code error} whose code is invalid_api_key, permission_denied or
 * model_not_found, reads as "no GPT-Live access"]; whether a commentary append is the right way to make
 * the model speak first [LK's generate_reply and TW's welcome instruction do it]; how the model signals that
 * the caller interrupted it (none is documented; TW: "the model handles interruption server-side": the bridge
 * reads the caller's first transcript words over the assistant's speech as the barge-in and drops what Twilio
 * has not played yet); what the caller heard cannot be told to GPT-Live (no truncate event exists);
 * the backend model's default when {@code responses.model} is omitted [omitted: the service picks].
 */
final class LiveEvents {
    static final String SESSION_START = "session.start";
    static final String SESSION_STARTED = "session.started";
    static final String AUDIO_APPEND = "session.input_audio.append";
    static final String AUDIO_DELTA = "session.output_audio.delta";
    static final String OUTPUT_TRANSCRIPT = "session.output_transcript.delta";
    static final String INPUT_TRANSCRIPT = "session.input_transcript.delta";
    static final String MUTE = "session.input_audio.mute";
    static final String UNMUTE = "session.input_audio.unmute";
    static final String THINKING_APPEND = "session.thinking.append";
    static final String INSTRUCTIONS_APPEND = "session.instructions.append";
    static final String COMMENTARY_APPEND = "session.commentary.append";
    static final String ITEM_CREATE = "response.item.create";
    static final String RESPONSE_CREATE = "response.create";
    static final String SESSION_CLOSE = "session.close";
    static final String DELEGATION_CREATED = "session.delegation.created";
    static final String RESPONSE_EVENT = "response.event";
    static final String USAGE_UPDATED = "session.usage.updated";
    static final String SESSION_CLOSED = "session.closed";
    static final String ERROR = "error";

    /** The event id of every {@code session.start}: an error naming it means the session could not be set up. */
    static final String START_EVENT_ID = "hw_session_start";

    private LiveEvents() {
    }
}
