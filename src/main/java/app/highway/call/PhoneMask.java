package app.highway.call;

/** "+15559876543" becomes "+1555•••6543": enough to recognise a number, not to dial it. */
public final class PhoneMask {
    private PhoneMask() {
    }

    public static String mask(String e164) {
        if (e164 == null || e164.length() < 8) {
            return "•••";
        }
        int keepStart = Math.min(5, e164.length() - 4);
        return e164.substring(0, keepStart) + "•".repeat(e164.length() - keepStart - 4)
                + e164.substring(e164.length() - 4);
    }
}
