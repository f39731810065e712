<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="gateway-settings"/>
<html>
<head>
    <title><c:out value="${msg['gatewaysettings.title']}"/></title>
    <meta name="pageID" content="federationgateway-gateway-settings"/>
</head>
<body>
<p><c:out value="${msg['gatewaysettings.intro']}"/></p>

<c:if test="${model.saved()}">
    <div class="jive-success" id="saved"><c:out value="${msg['gatewaysettings.saved']}"/></div><br/>
</c:if>
<c:if test="${not empty model.errors()}">
    <div class="jive-error" id="errors"><c:out value="${msg['form.errors']}"/></div><br/>
</c:if>

<form action="gateway-settings.jsp" method="post" id="gateway-settings">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <div class="jive-contentBoxHeader"><c:out value="${msg['gatewaysettings.limits']}"/></div>
    <div class="jive-contentBox">
    <table cellpadding="3" cellspacing="0" border="0">
        <c:forEach var="f" items="${['connectionLimit', 'partnerConnectionLimit', 'keepAliveInterval', 'streamEstablishmentTimeout', 'streamInactivityTimeout', 'subscriptionRefresh']}">
        <tr>
            <td><label for="${f}"><c:out value="${msg['gatewaysettings.field.'.concat(f)]}"/></label></td>
            <td><input type="text" size="10" id="${f}" name="${f}" value="<c:out value='${model.fields()[f]}'/>"/></td>
            <td><c:if test="${not empty model.errors()[f]}"><span class="jive-error-text" id="error-${f}"><c:out value="${model.errors()[f]}"/></span></c:if></td>
        </tr>
        </c:forEach>
    </table>
    </div>
    <div class="jive-contentBoxHeader"><c:out value="${msg['gatewaysettings.behaviour']}"/></div>
    <div class="jive-contentBox">
    <table cellpadding="3" cellspacing="0" border="0">
        <tr>
            <td><label for="mode"><c:out value="${msg['gatewaysettings.field.mode']}"/></label></td>
            <td>
                <select id="mode" name="mode">
                    <c:forEach var="m" items="${model.modes()}">
                        <option value="${m}" <c:if test="${model.fields().mode == m}">selected</c:if>><c:out value="${msg['gatewaysettings.mode.'.concat(m)]}"/></option>
                    </c:forEach>
                </select>
            </td>
            <td><c:if test="${not empty model.errors().mode}"><span class="jive-error-text" id="error-mode"><c:out value="${model.errors().mode}"/></span></c:if></td>
        </tr>
        <tr>
            <td><label for="logMessageBodies"><c:out value="${msg['gatewaysettings.field.logMessageBodies']}"/></label></td>
            <td><input type="checkbox" id="logMessageBodies" name="logMessageBodies" value="true" <c:if test="${model.fields().logMessageBodies == 'true'}">checked</c:if>/></td>
            <td></td>
        </tr>
    </table>
    </div>
    <input type="submit" name="save" id="save" value="<c:out value="${msg['form.save']}"/>"/>
</form>
</body>
</html>
