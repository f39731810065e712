<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="partners"/>
<html>
<head>
    <title><c:out value="${msg['partners.title']}"/></title>
    <meta name="pageID" content="federationgateway-partners"/>
</head>
<body>
<p><c:out value="${msg['partners.intro']}"/></p>
<c:if test="${not empty model.done()}"><div class="jive-success" id="done"><c:out value="${model.done()}"/></div><br/></c:if>
<c:if test="${not empty model.error()}"><div class="jive-error" id="error"><c:out value="${model.error()}"/></div><br/></c:if>

<form action="partners.jsp" method="get" id="filter-form">
    <label for="filter"><c:out value="${msg['partners.filter']}"/></label>
    <input type="text" id="filter" name="filter" value="<c:out value='${model.filter()}'/>" placeholder="*.example.com"/>
    <input type="submit" id="apply-filter" value="<c:out value="${msg['partners.filter.apply']}"/>"/>
    &nbsp;<a href="partner-edit.jsp" id="add-partner"><c:out value="${msg['partners.add']}"/></a>
</form>
<br/>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="partners">
    <thead>
    <tr>
        <th><c:out value="${msg['partner.field.primaryDomain']}"/></th>
        <th><c:out value="${msg['partner.field.additionalDomains']}"/></th>
        <th><c:out value="${msg['partner.field.partnerType']}"/></th>
        <th>TLS</th><th>SASL</th><th><c:out value="${msg['partner.field.dialback']}"/></th>
        <th><c:out value="${msg['partner.field.connectionLimit']}"/></th>
        <th><c:out value="${msg['partner.field.description']}"/></th>
        <th></th>
    </tr>
    </thead>
    <tbody>
    <c:if test="${empty model.rows()}"><tr><td colspan="9" id="no-partners"><c:out value="${msg['partners.none']}"/></td></tr></c:if>
    <c:forEach var="p" items="${model.rows()}">
        <tr class="partner">
            <td><a href="partner-edit.jsp?original=<c:out value='${p.domain()}'/>"><c:out value="${p.domain()}"/></a></td>
            <td><c:out value="${p.additional()}"/></td>
            <td><c:out value="${msg['partner.type.'.concat(p.type())]}"/></td>
            <td><c:out value="${msg['negotiation.'.concat(p.tls())]}"/></td>
            <td><c:out value="${msg['negotiation.'.concat(p.sasl())]}"/></td>
            <td><c:out value="${p.dialback() ? msg['yes'] : msg['no']}"/></td>
            <td><c:out value="${p.limit()}"/></td>
            <td class="description"><c:out value="${p.description()}"/>
                <c:forEach var="w" items="${p.warnings()}"><div class="jive-warning-text"><c:out value="${w}"/></div></c:forEach></td>
            <td>
                <form action="partners.jsp" method="post" class="delete">
                    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
                    <input type="hidden" name="action" value="delete"/>
                    <input type="hidden" name="domain" value="<c:out value='${p.domain()}'/>"/>
                    <input type="submit" value="<c:out value="${msg['partners.delete']}"/>"/>
                </form>
            </td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
<form action="partners.jsp" method="post" id="bulk">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <input type="hidden" name="action" value="bulk-sasl"/>
    <label for="bulk-sasl"><c:out value="${msg['partners.bulk.sasl']}"/></label>
    <select id="bulk-sasl" name="sasl">
        <c:forEach var="n" items="${model.negotiations()}"><option value="${n}"><c:out value="${msg['negotiation.'.concat(n)]}"/></option></c:forEach>
    </select>
    <input type="submit" id="bulk-apply" value="<c:out value="${msg['partners.bulk.apply']}"/>"/>
</form>
</body>
</html>
