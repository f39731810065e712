<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="status"/>
<html>
<head>
    <title><c:out value="${msg['status.title']}"/></title>
    <meta name="pageID" content="federationgateway-status"/>
</head>
<body>
<p><c:out value="${msg['status.intro']}"/></p>

<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%">
    <thead>
    <tr><th colspan="2"><c:out value="${msg['status.plugin.header']}"/></th></tr>
    </thead>
    <tbody>
    <tr>
        <td width="30%"><c:out value="${msg['status.plugin.version']}"/></td>
        <td><c:out value="${model.version}"/></td>
    </tr>
    </tbody>
</table>
</div>
<br/>
<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="parts">
    <thead>
    <tr>
        <th><c:out value="${msg['status.parts.part']}"/></th>
        <th><c:out value="${msg['status.parts.state']}"/></th>
        <th><c:out value="${msg['status.parts.cause']}"/></th>
    </tr>
    </thead>
    <tbody>
    <c:if test="${empty model.parts}">
        <tr><td colspan="3"><c:out value="${msg['status.parts.none']}"/></td></tr>
    </c:if>
    <c:forEach var="p" items="${model.parts}">
        <tr>
            <td><c:out value="${msg['part.'.concat(p.part)]}"/></td>
            <td><c:out value="${msg['part.state.'.concat(p.state)]}"/></td>
            <td><c:out value="${p.cause}"/></td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
</body>
</html>
