<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="transfer"/>
<html>
<head>
    <title><c:out value="${msg['transfer.title']}"/></title>
    <meta name="pageID" content="federationgateway-transfer"/>
</head>
<body>
<p><c:out value="${msg['transfer.intro']}"/></p>
<c:if test="${not empty model.done()}"><div class="jive-success" id="done"><c:out value="${model.done()}"/></div><br/></c:if>

<div class="jive-contentBoxHeader"><c:out value="${msg['transfer.export.header']}"/></div>
<div class="jive-contentBox">
    <p><a id="export-json" href="<c:out value='${model.jsonHref()}'/>" download="federationgateway-export.json"><c:out value="${msg['transfer.export.json']}"/></a>
        &nbsp;|&nbsp;
        <a id="export-csv" href="<c:out value='${model.csvHref()}'/>" download="federationgateway-partners.csv"><c:out value="${msg['transfer.export.csv']}"/></a></p>
    <textarea id="export-text" rows="8" cols="100" readonly="readonly"><c:out value="${model.exportJson()}"/></textarea>
</div>
<br/>
<div class="jive-contentBoxHeader"><c:out value="${msg['transfer.import.header']}"/></div>
<div class="jive-contentBox">
<c:if test="${not empty model.errors()}">
    <div class="jive-error" id="errors-header"><c:out value="${msg['transfer.errors.header']}"/></div>
    <div class="jive-table">
    <table cellpadding="0" cellspacing="0" border="0" width="100%" id="errors">
        <thead><tr><th><c:out value="${msg['transfer.errors.line']}"/></th><th><c:out value="${msg['transfer.errors.section']}"/></th>
            <th><c:out value="${msg['transfer.errors.field']}"/></th><th><c:out value="${msg['transfer.errors.problem']}"/></th></tr></thead>
        <tbody>
        <c:forEach var="e" items="${model.errors()}">
            <tr><td class="line"><c:out value="${e.line()}"/></td><td><c:out value="${e.section()}"/></td><td class="field"><c:out value="${e.field()}"/></td>
                <td class="problem"><c:out value="${e.problem()}"/></td></tr>
        </c:forEach>
        </tbody>
    </table>
    </div><br/>
</c:if>
<form action="transfer.jsp" method="post" id="import-form">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <p><label for="format"><c:out value="${msg['transfer.import.format']}"/></label>
        <select id="format" name="format">
            <option value="json" <c:if test="${model.format() == 'json'}">selected</c:if>><c:out value="${msg['transfer.import.format.json']}"/></option>
            <option value="csv" <c:if test="${model.format() == 'csv'}">selected</c:if>><c:out value="${msg['transfer.import.format.csv']}"/></option>
        </select></p>
    <p><label for="text"><c:out value="${msg['transfer.import.text']}"/></label><br/>
        <textarea id="text" name="text" rows="12" cols="100"><c:out value="${model.text()}"/></textarea></p>
    <input type="submit" id="import" value="<c:out value="${msg['transfer.import.button']}"/>"/>
</form>
</div>
</body>
</html>
