<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" trimDirectiveWhitespaces="true" %>
<%@ taglib uri="http://java.sun.com/jsp/jstl/core" prefix="c" %>
<%@ taglib uri="urn:federationgateway:pages" prefix="fg" %>
<fg:page name="test-message"/>
<html>
<head>
    <title><c:out value="${msg['testmessage.title']}"/></title>
    <meta name="pageID" content="federationgateway-test-message"/>
    <style>
        .verdict-ok { color: #1b7f1b; font-weight: bold; }
        .verdict-warning { color: #b36b00; font-weight: bold; }
        .verdict-fail { color: #c00000; font-weight: bold; }
    </style>
</head>
<body>
<p><c:out value="${msg['testmessage.intro']}"/></p>

<c:if test="${not empty model.errors()}">
    <div class="jive-error" id="errors"><c:out value="${msg['form.errors']}"/></div><br/>
</c:if>

<form action="test-message.jsp" method="post" id="test-message">
    <input type="hidden" name="csrf" value="<c:out value='${csrf}'/>"/>
    <div class="jive-contentBox">
    <table cellpadding="3" cellspacing="0" border="0">
        <tr>
            <td><label for="from"><c:out value="${msg['testmessage.from']}"/></label></td>
            <td><input type="text" size="40" id="from" name="from" value="<c:out value='${model.fields().from}'/>"/></td>
            <td><span class="jive-description"><c:out value="${model.fromHelp()}"/></span>
                <c:if test="${not empty model.errors().from}"><br/><span class="jive-error-text" id="error-from"><c:out value="${model.errors().from}"/></span></c:if></td>
        </tr>
        <tr>
            <td><label for="to"><c:out value="${msg['testmessage.to']}"/></label></td>
            <td><input type="text" size="40" id="to" name="to" value="<c:out value='${model.fields().to}'/>"/></td>
            <td><span class="jive-description"><c:out value="${model.toHelp()}"/></span>
                <c:if test="${not empty model.errors().to}"><br/><span class="jive-error-text" id="error-to"><c:out value="${model.errors().to}"/></span></c:if></td>
        </tr>
        <tr>
            <td><label for="wait"><c:out value="${msg['testmessage.wait']}"/></label></td>
            <td><input type="text" size="5" id="wait" name="wait" value="<c:out value='${model.fields().wait}'/>"/></td>
            <td><span class="jive-description"><c:out value="${msg['testmessage.wait.help']}"/></span>
                <c:if test="${not empty model.errors().wait}"><br/><span class="jive-error-text" id="error-wait"><c:out value="${model.errors().wait}"/></span></c:if></td>
        </tr>
    </table>
    </div>
    <input type="submit" name="send" id="send" value="<c:out value="${msg['testmessage.send']}"/>"/>
</form>
<br/>
<c:if test="${model.ran()}">
    <p id="header"><c:out value="${model.header()}"/></p>
    <p id="result" class="verdict-${model.report().worst}" data-result="${model.report().result}"><c:out value="${model.report().resultText}"/></p>
    <div class="jive-table">
    <table cellpadding="0" cellspacing="0" border="0" width="100%" id="steps">
        <thead>
        <tr><th width="12%"><c:out value="${msg['testmessage.step']}"/></th><th width="8%"><c:out value="${msg['testmessage.verdict']}"/></th>
            <th width="12%"><c:out value="${msg['testmessage.code']}"/></th><th><c:out value="${msg['testmessage.detail']}"/></th>
            <th width="8%"><c:out value="${msg['testmessage.millis']}"/></th></tr>
        </thead>
        <tbody>
        <c:forEach var="s" items="${model.report().steps}">
            <tr id="step-${s.step}">
                <td><c:out value="${msg['testmessage.step.'.concat(s.step)]}"/></td>
                <td class="verdict-${s.verdict}"><c:out value="${msg['testmessage.verdict.'.concat(s.verdict)]}"/></td>
                <td class="code"><c:out value="${s.code}"/></td>
                <td class="text"><c:out value="${s.text}"/></td>
                <td><c:out value="${s.millis}"/></td>
            </tr>
        </c:forEach>
        </tbody>
    </table>
    </div>
    <p id="total"><c:out value="${msg['testmessage.ranat']}"/>&#32;<c:out value="${model.report().at}"/>. <c:out value="${model.total()}"/></p>
</c:if>
</body>
</html>
