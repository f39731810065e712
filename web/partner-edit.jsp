<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="partner-edit"/>
<html>
<head>
    <title><c:out value="${empty model.original() ? msg['partner.add.title'] : msg['partner.edit.title']}"/></title>
    <meta name="pageID" content="federationgateway-partners"/>
</head>
<body>
<c:if test="${not empty model.errors()}"><div class="jive-error" id="errors"><c:out value="${msg['form.errors']}"/></div><br/></c:if>
<c:forEach var="w" items="${model.warnings()}"><div class="jive-warning" id="warning"><c:out value="${w}"/></div></c:forEach>
<form action="partner-edit.jsp" method="post" id="partner">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <input type="hidden" name="original" value="<c:out value='${model.original()}'/>"/>
    <table cellpadding="3" cellspacing="0" border="0">
        <tr>
            <td><label for="primaryDomain"><c:out value="${msg['partner.field.primaryDomain']}"/></label></td>
            <td><input type="text" size="40" id="primaryDomain" name="primaryDomain" value="<c:out value='${model.fields().primaryDomain}'/>"/></td>
            <td><span class="jive-error-text" id="error-primaryDomain"><c:out value="${model.errors().primaryDomain}"/></span></td>
        </tr>
        <tr>
            <td><label for="additionalDomains"><c:out value="${msg['partner.field.additionalDomains']}"/></label></td>
            <td><textarea id="additionalDomains" name="additionalDomains" rows="3" cols="40"><c:out value="${model.fields().additionalDomains}"/></textarea>
                <br/><small><c:out value="${msg['partner.help.additionalDomains']}"/></small></td>
            <td><span class="jive-error-text" id="error-additionalDomains"><c:out value="${model.errors().additionalDomains}"/></span></td>
        </tr>
        <tr>
            <td><label for="partnerType"><c:out value="${msg['partner.field.partnerType']}"/></label></td>
            <td><select id="partnerType" name="partnerType">
                <c:forEach var="t" items="${model.types()}"><option value="${t}" <c:if test="${model.fields().partnerType == t}">selected</c:if>><c:out value="${msg['partner.type.'.concat(t)]}"/></option></c:forEach>
            </select></td>
            <td><span class="jive-error-text" id="error-partnerType"><c:out value="${model.errors().partnerType}"/></span></td>
        </tr>
        <c:forEach var="n" items="${['tlsNegotiation', 'saslNegotiation']}">
        <tr>
            <td><label for="${n}"><c:out value="${msg['partner.field.'.concat(n)]}"/></label></td>
            <td><select id="${n}" name="${n}">
                <c:forEach var="v" items="${model.negotiations()}"><option value="${v}" <c:if test="${model.fields()[n] == v}">selected</c:if>><c:out value="${msg['negotiation.'.concat(v)]}"/></option></c:forEach>
            </select></td>
            <td><span class="jive-error-text" id="error-${n}"><c:out value="${model.errors()[n]}"/></span></td>
        </tr>
        </c:forEach>
        <c:forEach var="b" items="${['dialback', 'keepAlive']}">
        <tr>
            <td><label for="${b}"><c:out value="${msg['partner.field.'.concat(b)]}"/></label></td>
            <td><input type="checkbox" id="${b}" name="${b}" value="true" <c:if test="${model.fields()[b] == 'true'}">checked</c:if>/></td>
            <td><span class="jive-error-text" id="error-${b}"><c:out value="${model.errors()[b]}"/></span></td>
        </tr>
        </c:forEach>
        <c:forEach var="f" items="${['connectionLimit', 'proxyFqdn']}">
        <tr>
            <td><label for="${f}"><c:out value="${msg['partner.field.'.concat(f)]}"/></label></td>
            <td><input type="text" size="40" id="${f}" name="${f}" value="<c:out value='${model.fields()[f]}'/>"/></td>
            <td><span class="jive-error-text" id="error-${f}"><c:out value="${model.errors()[f]}"/></span></td>
        </tr>
        </c:forEach>
        <tr>
            <td><label for="description"><c:out value="${msg['partner.field.description']}"/></label></td>
            <td><textarea id="description" name="description" rows="2" cols="40"><c:out value="${model.fields().description}"/></textarea></td>
            <td><span class="jive-error-text" id="error-description"><c:out value="${model.errors().description}"/></span></td>
        </tr>
    </table>
    <input type="submit" id="save" value="<c:out value="${msg['form.save']}"/>"/>
    <a href="partners.jsp"><c:out value="${msg['form.cancel']}"/></a>
</form>
<h3 id="negotiation-matrix"><c:out value="${msg['negotiation.matrix.heading']}"/></h3>
<p><c:out value="${msg['negotiation.matrix.intro']}"/></p>
${model.negotiationTable()}
</body>
</html>
