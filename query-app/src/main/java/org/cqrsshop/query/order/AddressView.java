package org.cqrsshop.query.order;

import org.cqrsshop.common.address.ShippingAddress;

/** Where an order goes. Replaced whole when the address changes, never edited in place. */
public class AddressView {

    public String recipient;
    public String line1;
    public String line2;
    public String postalCode;
    public String city;
    public String region;
    public String country;

    static AddressView of(ShippingAddress address) {
        AddressView view = new AddressView();
        view.recipient = address.recipient();
        view.line1 = address.line1();
        view.line2 = address.line2();
        view.postalCode = address.postalCode();
        view.city = address.city();
        view.region = address.region();
        view.country = address.country();
        return view;
    }
}
