package org.federationgateway.policy;

/** An enum stored by an explicit code that never changes, rather than by its ordinal or name. */
public interface StableCode {
    String code();

    static <E extends Enum<E> & StableCode> E fromCode(Class<E> type, String code, String field) {
        if (code != null) {
            for (E e : type.getEnumConstants()) {
                if (e.code().equals(code.trim())) {
                    return e;
                }
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.code());
        }
        throw new InvalidFieldException(field, "policy.error.code", "unknown value '" + code + "'; expected one of " + allowed, code, allowed.toString());
    }
}
