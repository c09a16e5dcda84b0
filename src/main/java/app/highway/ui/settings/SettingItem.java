package app.highway.ui.settings;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/** One editable setting in the property sheet, backed by a view-model property. */
final class SettingItem implements PropertySheet.Item {
    private final String category;
    private final String name;
    private final String description;
    private final Class<?> type;
    private final Property<Object> property;
    private final List<String> choices;

    @SuppressWarnings("unchecked")
    SettingItem(String category, String name, String description, Class<?> type, Property<?> property,
            List<String> choices) {
        this.category = category;
        this.name = name;
        this.description = description;
        this.type = type;
        this.property = (Property<Object>) property;
        this.choices = choices;
    }

    List<String> choices() {
        return choices;
    }

    @Override
    public Class<?> getType() {
        return type;
    }

    @Override
    public String getCategory() {
        return category;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Object getValue() {
        return property.getValue();
    }

    @Override
    public void setValue(Object value) {
        if (value == null) {
            return;
        }
        property.setValue(value);
    }

    @Override
    public Optional<ObservableValue<? extends Object>> getObservableValue() {
        return Optional.of(property);
    }
}
