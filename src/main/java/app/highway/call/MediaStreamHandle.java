package app.highway.call;

import app.highway.twilio.MediaEvent;

/** What the media WebSocket endpoint feeds one admitted stream's messages into. */
public final class MediaStreamHandle {
    private final MediaStreams streams;
    private final CallSession session;

    MediaStreamHandle(MediaStreams streams, CallSession session) {
        this.streams = streams;
        this.session = session;
    }

    public String callId() {
        return session.call().id();
    }

    public void accept(MediaEvent event) {
        if (isForeign(event)) {
            session.onMalformed("message for another stream");
            return;
        }
        if (event instanceof MediaEvent.Media media) {
            session.onMedia(media);
        } else if (event instanceof MediaEvent.Mark mark) {
            session.onMark(mark);
        } else if (event instanceof MediaEvent.Dtmf dtmf) {
            session.onDtmf(dtmf);
        } else if (event instanceof MediaEvent.Stop) {
            streams.stopped(session);
        } else if (event instanceof MediaEvent.Malformed malformed) {
            session.onMalformed(malformed.reason());
        } else if (event instanceof MediaEvent.Start) {
            session.onMalformed("second start on one stream");
        }
    }

    private boolean isForeign(MediaEvent event) {
        String sid = event instanceof MediaEvent.Media m ? m.streamSid()
                : event instanceof MediaEvent.Mark m ? m.streamSid()
                : event instanceof MediaEvent.Stop s ? s.streamSid()
                : event instanceof MediaEvent.Dtmf d ? d.streamSid() : null;
        return sid != null && !sid.equals(session.streamSid());
    }

    /** The socket closed; if no {@code stop} came first, the stream was lost. */
    public void closed() {
        streams.lost(session);
    }
}
