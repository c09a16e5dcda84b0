package app.highway.team;

/**
 * The control actions the audit log records, by the word it stores for each. Entries keep the word,
 * not this enum, so that a log written by a newer bridge still reads.
 */
public enum AuditAction {
    CALL_PLACE("call.place"),
    CALL_HANG_UP("call.hang_up"),
    CALL_DELETE("call.delete"),
    SETTINGS_CHANGE("settings.change"),
    PRICES_CHANGE("prices.change"),
    SYSTEM_MESSAGE_SAVE("system_message.save"),
    SYSTEM_MESSAGE_USE("system_message.use"),
    PERSON_ADD("person.add"),
    PERSON_DISABLE("person.disable"),
    PERSON_ENABLE("person.enable"),
    PERSON_ROLE("person.role"),
    TOKEN_CREATE("token.create"),
    TOKEN_REVOKE("token.revoke"),
    // supervisor powers on a live call
    WHISPER("call.whisper"),
    SAY("call.say"),
    MUTE("call.mute"),
    UNMUTE("call.unmute"),
    TRANSFER("call.transfer"),
    LISTEN("call.listen"),
    TAKE_OVER("call.take_over"),
    HAND_BACK("call.hand_back"),
    // campaigns
    CAMPAIGN_CREATE("campaign.create"),
    CAMPAIGN_START("campaign.start"),
    CAMPAIGN_PAUSE("campaign.pause"),
    CAMPAIGN_RESUME("campaign.resume"),
    CAMPAIGN_CANCEL("campaign.cancel"),
    CAMPAIGN_REQUEUE("campaign.requeue");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    /** The word stored and shown: {@code call.place}. */
    public String wire() {
        return wire;
    }
}
