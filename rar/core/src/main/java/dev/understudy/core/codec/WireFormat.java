package dev.understudy.core.codec;

import dev.understudy.api.SessionKind;
import dev.understudy.core.codec.CodecException.Code;
import dev.understudy.core.protocol.Message;
import dev.understudy.core.protocol.NackReason;

/**
 * The stable numbers of wire format version 1: magic, version, message types and enum bytes. Every enum is
 * mapped by an explicit switch, never by {@code ordinal()}, so reordering or extending a Java enum cannot
 * change the bytes. Numbers are never reused; changing one is a new format version.
 */
final class WireFormat {
    static final int MAGIC_0 = 0x55; // 'U'
    static final int MAGIC_1 = 0x53; // 'S'
    static final int VERSION = 1;

    static final int HEARTBEAT = 1;
    static final int LEAVE = 2;
    static final int PING = 3;
    static final int STATE_TRANSFER = 4;
    static final int DELTA = 5;
    static final int TOUCH = 6;
    static final int ACK = 7;
    static final int NACK = 8;
    static final int RESYNC_REQUEST = 9;
    static final int FETCH_REQUEST = 10;
    static final int FETCH_REPLY = 11;
    static final int REVOKE = 12;
    static final int RELEASE = 13;
    static final int INVALIDATE = 14;
    static final int CHANGE_ID = 15;
    static final int VERSION_DIGEST = 16;

    /** Smallest encoded message: type byte and body length. */
    static final int MIN_MESSAGE_BYTES = 1 + 4;

    private WireFormat() {
    }

    static boolean isKnownType(int type) {
        return type >= HEARTBEAT && type <= VERSION_DIGEST;
    }

    static int typeOf(Message m) {
        if (m instanceof Message.Heartbeat) {
            return HEARTBEAT;
        } else if (m instanceof Message.Leave) {
            return LEAVE;
        } else if (m instanceof Message.Ping) {
            return PING;
        } else if (m instanceof Message.StateTransfer) {
            return STATE_TRANSFER;
        } else if (m instanceof Message.Delta) {
            return DELTA;
        } else if (m instanceof Message.Touch) {
            return TOUCH;
        } else if (m instanceof Message.Ack) {
            return ACK;
        } else if (m instanceof Message.Nack) {
            return NACK;
        } else if (m instanceof Message.ResyncRequest) {
            return RESYNC_REQUEST;
        } else if (m instanceof Message.FetchRequest) {
            return FETCH_REQUEST;
        } else if (m instanceof Message.FetchReply) {
            return FETCH_REPLY;
        } else if (m instanceof Message.Revoke) {
            return REVOKE;
        } else if (m instanceof Message.Release) {
            return RELEASE;
        } else if (m instanceof Message.Invalidate) {
            return INVALIDATE;
        } else if (m instanceof Message.ChangeId) {
            return CHANGE_ID;
        } else if (m instanceof Message.VersionDigest) {
            return VERSION_DIGEST;
        }
        throw new IllegalStateException("No wire type for " + m.getClass().getName());
    }

    static int kindCode(SessionKind kind) {
        switch (kind) {
            case WEB:
                return 0;
            case EJB:
                return 1;
            default:
                throw new IllegalStateException("No wire code for session kind " + kind);
        }
    }

    static SessionKind kind(int code, int offset) {
        switch (code) {
            case 0:
                return SessionKind.WEB;
            case 1:
                return SessionKind.EJB;
            default:
                throw badEnum("session kind", code, offset);
        }
    }

    static int reasonCode(Message.StateTransfer.Reason reason) {
        switch (reason) {
            case CREATE:
                return 0;
            case RESYNC:
                return 1;
            case NEW_SECONDARY:
                return 2;
            case CLAIM:
                return 3;
            case HANDOFF:
                return 4;
            default:
                throw new IllegalStateException("No wire code for transfer reason " + reason);
        }
    }

    static Message.StateTransfer.Reason reason(int code, int offset) {
        switch (code) {
            case 0:
                return Message.StateTransfer.Reason.CREATE;
            case 1:
                return Message.StateTransfer.Reason.RESYNC;
            case 2:
                return Message.StateTransfer.Reason.NEW_SECONDARY;
            case 3:
                return Message.StateTransfer.Reason.CLAIM;
            case 4:
                return Message.StateTransfer.Reason.HANDOFF;
            default:
                throw badEnum("transfer reason", code, offset);
        }
    }

    static int nackCode(NackReason reason) {
        switch (reason) {
            case FENCED:
                return 0;
            case CONFLICT:
                return 1;
            case UNKNOWN_SESSION:
                return 2;
            case REJECTED:
                return 3;
            default:
                throw new IllegalStateException("No wire code for nack reason " + reason);
        }
    }

    static NackReason nackReason(int code, int offset) {
        switch (code) {
            case 0:
                return NackReason.FENCED;
            case 1:
                return NackReason.CONFLICT;
            case 2:
                return NackReason.UNKNOWN_SESSION;
            case 3:
                return NackReason.REJECTED;
            default:
                throw badEnum("nack reason", code, offset);
        }
    }

    private static CodecException badEnum(String what, int code, int offset) {
        return new CodecException(Code.INVALID_FIELD, what + " byte " + code + " at offset " + offset);
    }
}
