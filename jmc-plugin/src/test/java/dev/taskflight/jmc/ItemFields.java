package dev.taskflight.jmc;

import static org.openjdk.jmc.common.item.Attribute.attr;

import org.openjdk.jmc.common.IMCType;
import org.openjdk.jmc.common.item.IAttribute;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;

/** JMC attributes of event fields by name, with the content types JMC's parser gives them, for synthetic items. */
final class ItemFields {

    private ItemFields() {
    }

    /** A text field. */
    static IAttribute<String> text(String name) {
        return attr(name, name, UnitLookup.PLAIN_TEXT);
    }

    /** A class field. */
    static IAttribute<IMCType> type(String name) {
        return attr(name, name, UnitLookup.CLASS);
    }

    /** A timespan field. */
    static IAttribute<IQuantity> timespan(String name) {
        return attr(name, name, UnitLookup.TIMESPAN);
    }
}
