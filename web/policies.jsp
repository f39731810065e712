<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="policies"/>
<html>
<head>
    <title><c:out value="${msg['policies.title']}"/></title>
    <meta name="pageID" content="federationgateway-policies"/>
</head>
<body>
<p><c:out value="${msg['policies.intro']}"/></p>
<c:if test="${not empty model.done()}"><div class="jive-success" id="done"><c:out value="${model.done()}"/></div><br/></c:if>
<c:if test="${not empty model.policyErrors().page}"><div class="jive-error" id="error"><c:out value="${model.policyErrors().page}"/></div><br/></c:if>

<div class="jive-table">
<table cellpadding="0" cellspacing="0" border="0" width="100%" id="policies">
    <thead><tr>
        <th><c:out value="${msg['policies.field.name']}"/></th>
        <c:forEach var="f" items="${model.flags()}"><th><c:out value="${msg['policies.field.'.concat(f)]}"/></th></c:forEach>
        <th><c:out value="${msg['policies.field.description']}"/></th><th></th>
    </tr></thead>
    <tbody>
    <c:forEach var="p" items="${model.policies()}">
        <tr class="policy" id="policy-${p.name()}">
            <td><a href="policies.jsp?edit=<c:out value='${p.name()}'/>"><c:out value="${p.name()}"/></a></td>
            <c:forEach var="f" items="${model.flags()}"><td class="${f}"><c:out value="${p.flags()[f] ? msg['yes'] : msg['no']}"/></td></c:forEach>
            <td><c:out value="${p.description()}"/></td>
            <td>
                <form action="policies.jsp" method="post">
                    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
                    <input type="hidden" name="name" value="<c:out value='${p.name()}'/>"/>
                    <c:choose>
                        <c:when test="${p.global()}"><input type="hidden" name="action" value="reset-global"/><input type="submit" id="reset-global" value="<c:out value="${msg['policies.reset.button']}"/>"/></c:when>
                        <c:otherwise><input type="hidden" name="action" value="delete-policy"/><input type="submit" class="delete" value="<c:out value="${msg['partners.delete']}"/>"/></c:otherwise>
                    </c:choose>
                </form>
            </td>
        </tr>
    </c:forEach>
    </tbody>
</table>
</div>
<br/>
<div class="jive-contentBoxHeader"><c:out value="${msg['policies.edit.header']}"/></div>
<div class="jive-contentBox">
<form action="policies.jsp" method="post" id="policy-form">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <input type="hidden" name="action" value="save-policy"/>
    <table cellpadding="3" cellspacing="0" border="0">
        <tr><td><label for="name"><c:out value="${msg['policies.field.name']}"/></label></td>
            <td><input type="text" id="name" name="name" value="<c:out value='${model.policyFields().name}'/>"/></td>
            <td><span class="jive-error-text" id="error-name"><c:out value="${model.policyErrors().name}"/></span></td></tr>
        <tr><td><label for="description"><c:out value="${msg['policies.field.description']}"/></label></td>
            <td><input type="text" size="50" id="description" name="description" value="<c:out value='${model.policyFields().description}'/>"/></td>
            <td><span class="jive-error-text" id="error-description"><c:out value="${model.policyErrors().description}"/></span></td></tr>
        <c:forEach var="f" items="${model.flags()}">
        <tr><td><label for="${f}"><c:out value="${msg['policies.field.'.concat(f)]}"/></label></td>
            <td><input type="checkbox" id="${f}" name="${f}" value="true" <c:if test="${model.policyFields()[f] == 'true'}">checked</c:if>/>
                <small><c:out value="${msg['policies.help.'.concat(f)]}"/></small></td><td></td></tr>
        </c:forEach>
    </table>
    <input type="submit" id="save-policy" value="<c:out value="${msg['form.save']}"/>"/>
</form>
</div>

<div class="jive-contentBoxHeader"><c:out value="${msg['policies.assignments.header']}"/></div>
<div class="jive-contentBox">
<table cellpadding="3" cellspacing="0" border="0" id="assignments">
    <c:forEach var="a" items="${model.assignments()}">
    <tr class="assignment">
        <td><c:out value="${msg['policies.kind.'.concat(a.kind())]}"/></td><td><c:out value="${a.subject()}"/></td><td><c:out value="${a.policy()}"/></td>
        <td><form action="policies.jsp" method="post">
            <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
            <input type="hidden" name="action" value="unassign"/>
            <input type="hidden" name="kind" value="<c:out value='${a.kind()}'/>"/>
            <input type="hidden" name="subject" value="<c:out value='${a.subject()}'/>"/>
            <input type="submit" value="<c:out value="${msg['policies.unassign']}"/>"/>
        </form></td>
    </tr>
    </c:forEach>
</table>
<form action="policies.jsp" method="post" id="assign-form">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <input type="hidden" name="action" value="assign"/>
    <select id="kind" name="kind"><c:forEach var="k" items="${model.kinds()}"><option value="${k}" <c:if test="${model.assignmentFields().kind == k}">selected</c:if>><c:out value="${msg['policies.kind.'.concat(k)]}"/></option></c:forEach></select>
    <input type="text" id="subject" name="subject" value="<c:out value='${model.assignmentFields().subject}'/>"/>
    <select id="policy" name="policy"><c:forEach var="p" items="${model.policies()}"><option value="${p.name()}" <c:if test="${model.assignmentFields().policy == p.name()}">selected</c:if>><c:out value="${p.name()}"/></option></c:forEach></select>
    <input type="submit" id="assign" value="<c:out value="${msg['policies.assign']}"/>"/>
    <span class="jive-error-text" id="error-assignment"><c:out value="${model.assignmentErrors().subject}${model.assignmentErrors().policy}${model.assignmentErrors().kind}"/></span>
</form>
</div>

<div class="jive-contentBoxHeader"><c:out value="${msg['policies.lookup.header']}"/></div>
<div class="jive-contentBox">
<form action="policies.jsp" method="get" id="lookup-form">
    <select name="lookupKind" id="lookupKind"><option value="user"><c:out value="${msg['policies.kind.user']}"/></option><option value="sip"><c:out value="${msg['policies.kind.sip']}"/></option></select>
    <input type="text" id="lookup" name="lookup" value="<c:out value='${empty model.lookup() ? "" : model.lookup().who()}'/>"/>
    <input type="submit" id="lookup-button" value="<c:out value="${msg['policies.lookup.button']}"/>"/>
</form>
<c:if test="${not empty model.lookup()}">
    <p id="lookup-result"><c:out value="${model.lookup().who()}"/>: <b><c:out value="${model.lookup().policy()}"/></b> (<c:out value="${model.lookup().because()}"/>)</p>
</c:if>
</div>
</body>
</html>
