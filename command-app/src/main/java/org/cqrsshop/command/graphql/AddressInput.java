package org.cqrsshop.command.graphql;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.cqrsshop.common.address.ShippingAddress;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("AddressInput")
@Description("A shipping address; line2 and region may be left out.")
public record AddressInput(
        @NotBlank @Size(max = ShippingAddress.MAX_FIELD_LENGTH) String recipient,
        @NotBlank @Size(max = ShippingAddress.MAX_FIELD_LENGTH) String line1,
        @Size(max = ShippingAddress.MAX_FIELD_LENGTH) String line2,
        @NotBlank @Size(max = ShippingAddress.MAX_FIELD_LENGTH) String postalCode,
        @NotBlank @Size(max = ShippingAddress.MAX_FIELD_LENGTH) String city,
        @Size(max = ShippingAddress.MAX_FIELD_LENGTH) String region,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE")
        @Description("ISO 3166-1 alpha-2 country code, e.g. DE") String country) {

    public ShippingAddress toAddress(String field) {
        return Inputs.build(field, () -> new ShippingAddress(recipient, line1, line2, postalCode, city, region, country));
    }
}
