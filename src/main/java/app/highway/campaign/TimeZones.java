package app.highway.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The time zones a number is in, as libphonenumber's geocoding data tells them (by country, and for some
 * countries by area code: a +1 212 number is in New York); empty when it cannot tell, and the campaign's own
 * zone applies.
 */
final class TimeZones {
    private static final String UNKNOWN = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private TimeZones() {
    }

    static List<ZoneId> of(String e164) {
        try {
            List<String> names = PhoneNumberToTimeZonesMapper.getInstance()
                    .getTimeZonesForNumber(PhoneNumberUtil.getInstance().parse(e164, "ZZ"));
            List<ZoneId> zones = new ArrayList<>();
            for (String name : names) {
                if (!UNKNOWN.equals(name)) {
                    try {
                        zones.add(ZoneId.of(name));
                    } catch (DateTimeException unknownToJava) {
                        // a zone newer than this JDK's data: the others decide
                    }
                }
            }
            return List.copyOf(zones);
        } catch (NumberParseException e) {
            return List.of();
        }
    }
}
