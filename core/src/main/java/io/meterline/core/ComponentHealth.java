package io.meterline.core;

/** Health as a value: whether a component is up and, when it isn't, why. */
public record ComponentHealth(String component, boolean up, String detail) {

    public static ComponentHealth up(String component) {
        return new ComponentHealth(component, true, "");
    }

    public static ComponentHealth down(String component, String why) {
        return new ComponentHealth(component, false, why);
    }
}
