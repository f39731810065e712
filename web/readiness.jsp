<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="readiness"/>
<html>
<head>
    <title><c:out value="${msg['readiness.title']}"/></title>
    <meta name="pageID" content="federationgateway-readiness"/>
    <style>
        .verdict-ok { color: #1b7f1b; font-weight: bold; }
        .verdict-warning { color: #b36b00; font-weight: bold; }
        .verdict-fail { color: #c00000; font-weight: bold; }
    </style>
</head>
<body>
<p><c:out value="${msg['readiness.intro']}"/></p>

<form action="readiness.jsp" method="post" id="run-checks">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <input type="submit" name="run" id="run" value="<c:out value="${msg['readiness.run']}"/>"/>
</form>
<br/>
<c:choose>
<c:when test="${not model.ran()}">
    <p id="not-run"><c:out value="${msg['readiness.notrun']}"/></p>
</c:when>
<c:otherwise>
    <p id="summary"><c:out value="${msg['readiness.ranat']}"/>&#32;<c:out value="${model.at()}"/>:&#32;<span class="verdict-${model.worst()}"><c:out value="${msg['readiness.summary.'.concat(model.worst())]}"/></span></p>
    <c:forEach var="a" items="${model.areas()}">
    <div class="jive-table">
    <table cellpadding="0" cellspacing="0" border="0" width="100%" id="area-${a.area()}">
        <thead>
        <tr><th width="10%"><c:out value="${msg['readiness.verdict']}"/></th><th width="20%"><c:out value="${msg['readiness.area.'.concat(a.area())]}"/></th><th><c:out value="${msg['readiness.finding']}"/></th></tr>
        </thead>
        <tbody>
        <c:if test="${empty a.rows()}">
            <tr><td colspan="3"><c:out value="${msg['readiness.area.empty']}"/></td></tr>
        </c:if>
        <c:forEach var="r" items="${a.rows()}">
            <tr>
                <td class="verdict-${r.verdict()}"><c:out value="${msg['readiness.verdict.'.concat(r.verdict())]}"/></td>
                <td><c:out value="${r.subject()}"/></td>
                <td><c:out value="${r.text()}"/></td>
            </tr>
        </c:forEach>
        </tbody>
    </table>
    </div>
    <br/>
    </c:forEach>
</c:otherwise>
</c:choose>
</body>
</html>
