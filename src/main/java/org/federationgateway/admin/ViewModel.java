package org.federationgateway.admin;

/**
 * What one admin page's view renders: a record per page, its fields checked when it is built (nothing null, lists
 * and maps copied), so a controller cannot hand a view a model it does not know how to show. The views read it as
 * {@code ${model.field()}}: the JSP expression language of Openfire's web container calls record accessors as
 * methods (EL 2.2 method invocation), and an accessor that does not exist fails the page instead of printing
 * nothing.
 */
public sealed interface ViewModel permits PartnersView, PartnerEditView, PoliciesView, GatewaySettingsView, SipSettingsView,
        StatusView, ReadinessView, TransferView, TestMessageView, StatisticsView {
}
